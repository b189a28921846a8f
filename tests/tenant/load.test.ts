import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fetchMetadata,
  MetadataLoadError,
  readMetadataFile,
} from '@cognito-tenancy/tenant-tool/metadata/load';
import { afterEach, describe, expect, it } from '@jest/globals';
import { goodMetadata } from './helpers/environment';
import { httpsServer, type TestServer } from './helpers/https-server';

const DOCUMENT = goodMetadata();

async function failure(promise: Promise<unknown>): Promise<MetadataLoadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MetadataLoadError) return error;
    throw error;
  }
  throw new Error('expected a MetadataLoadError');
}

describe('readMetadataFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metadata-'));

  it('reads a regular file', async () => {
    const path = join(dir, 'ok.xml');
    writeFileSync(path, DOCUMENT);
    expect((await readMetadataFile(path)).toString()).toBe(DOCUMENT);
  });

  it('refuses a file over the cap without reading it whole', async () => {
    const path = join(dir, 'big.xml');
    writeFileSync(path, Buffer.alloc(2048, 0x20));
    expect((await failure(readMetadataFile(path, 1024))).code).toBe('too-large');
    expect((await readMetadataFile(path, 2048)).length).toBe(2048);
  });

  it('refuses devices and directories, so /dev/zero cannot hang or exhaust memory', async () => {
    expect((await failure(readMetadataFile('/dev/zero'))).code).toBe('not-a-file');
    expect((await failure(readMetadataFile(dir))).code).toBe('not-a-file');
  });

  it('names a missing file and its error code', async () => {
    const error = await failure(readMetadataFile(join(dir, 'missing.xml')));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('ENOENT');
  });
});

describe('fetchMetadata', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('downloads metadata over HTTPS', async () => {
    server = await httpsServer((_req, res) => res.end(DOCUMENT));
    const body = await fetchMetadata(`${server.origin}/metadata`, { timeoutMs: 5000, ca: server.ca });
    expect(body.toString()).toBe(DOCUMENT);
    expect(server.requests).toEqual(['/metadata']);
  });

  it('refuses a body over the cap while it streams', async () => {
    server = await httpsServer((_req, res) => {
      res.write(Buffer.alloc(600, 0x20));
      res.end(Buffer.alloc(600, 0x20));
    });
    const error = await failure(
      fetchMetadata(server.origin, { timeoutMs: 5000, ca: server.ca, maxBytes: 1000 }),
    );
    expect(error.code).toBe('too-large');
  });

  it('refuses a declared Content-Length over the cap', async () => {
    server = await httpsServer((_req, res) => {
      res.setHeader('content-length', '5000000');
      res.flushHeaders();
    });
    expect((await failure(fetchMetadata(server.origin, { timeoutMs: 5000, ca: server.ca }))).code).toBe(
      'too-large',
    );
  });

  it('gives up at the deadline when the server stalls', async () => {
    server = await httpsServer((_req, res) => {
      res.write('<md:EntityDescriptor');
    });
    const error = await failure(fetchMetadata(server.origin, { timeoutMs: 200, ca: server.ca }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('200 ms');
  });

  it('reports a non-200 status', async () => {
    server = await httpsServer((_req, res) => {
      res.statusCode = 404;
      res.end('not here');
    });
    const error = await failure(fetchMetadata(server.origin, { timeoutMs: 5000, ca: server.ca }));
    expect([error.code, error.message]).toEqual(['http-status', `${server.origin} answered 404`]);
  });

  it('follows an https redirect but refuses one to http', async () => {
    server = await httpsServer((req, res) => {
      if (req.url === '/old') res.writeHead(302, { location: '/new' }).end();
      else if (req.url === '/plain') res.writeHead(302, { location: 'http://127.0.0.1:1/x' }).end();
      else res.end(DOCUMENT);
    });
    const body = await fetchMetadata(`${server.origin}/old`, { timeoutMs: 5000, ca: server.ca });
    expect(body.toString()).toBe(DOCUMENT);
    const error = await failure(fetchMetadata(`${server.origin}/plain`, { timeoutMs: 5000, ca: server.ca }));
    expect(error.message).toMatch(/https:\/\/ only/);
  });

  it('stops after a few redirects', async () => {
    server = await httpsServer((_req, res) => res.writeHead(302, { location: '/loop' }).end());
    const error = await failure(
      fetchMetadata(server.origin, { timeoutMs: 5000, ca: server.ca, maxRedirects: 2 }),
    );
    expect(error.message).toMatch(/too many redirects/);
    expect(server.requests).toHaveLength(3);
  });

  it('refuses http:// outright, before any connection', async () => {
    expect(
      (await failure(fetchMetadata('http://127.0.0.1:9/metadata', { timeoutMs: 1000 }))).message,
    ).toMatch(/https:\/\/ only/);
  });

  it('does not trust a certificate it was not given', async () => {
    server = await httpsServer((_req, res) => res.end(DOCUMENT));
    const error = await failure(fetchMetadata(server.origin, { timeoutMs: 5000 }));
    expect(error.code).toBe('fetch-failed');
    expect(server.requests).toEqual([]);
  });
});
