import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwksFetcher } from '../../src/jwks-fetcher';
import { startServer, type TestServer } from '../support/http-server';

let server: TestServer;
let redirectTarget: TestServer;

beforeAll(async () => {
  redirectTarget = await startServer((_, res) => res.end('{"keys":[]}'));
  server = await startServer((req, res) => {
    switch (req.url) {
      case '/ok':
        res.setHeader('content-type', 'application/json');
        res.end('{"keys":[]}');
        break;
      case '/missing':
        res.statusCode = 404;
        res.end('not here');
        break;
      case '/redirect':
        res.statusCode = 302;
        res.setHeader('location', `${redirectTarget.origin}/jwks.json`);
        res.end();
        break;
      case '/big-declared':
        res.setHeader('content-length', String(100_000));
        res.write('x'.repeat(10));
        break;
      case '/big-streamed':
        res.write('x'.repeat(40_000));
        res.write('x'.repeat(40_000));
        res.end();
        break;
      case '/slow':
        setTimeout(() => res.end('{"keys":[]}'), 2000).unref();
        break;
      case '/slow-body':
        res.write('{"keys":');
        setTimeout(() => res.end('[]}'), 2000).unref();
        break;
      default:
        res.statusCode = 500;
        res.end();
    }
  });
});

afterAll(async () => {
  await server.close();
  await redirectTarget.close();
});

const fetcher = () => new JwksFetcher({ timeoutMs: 300 });

describe('JwksFetcher', () => {
  it('returns the body of a 200 answer', async () => {
    const body = await fetcher().fetch(`${server.origin}/ok`);
    expect(new TextDecoder().decode(body)).toBe('{"keys":[]}');
  });

  it('refuses any status but 200', async () => {
    await expect(fetcher().fetch(`${server.origin}/missing`)).rejects.toThrow('status 404');
  });

  it('never follows a redirect (zero requests reach the target)', async () => {
    await expect(fetcher().fetch(`${server.origin}/redirect`)).rejects.toThrow();
    expect(redirectTarget.requests).toEqual([]);
  });

  it('refuses a body declared larger than the cap', async () => {
    await expect(fetcher().fetch(`${server.origin}/big-declared`)).rejects.toThrow('too large');
  });

  it('stops reading a body that grows past the cap', async () => {
    await expect(fetcher().fetch(`${server.origin}/big-streamed`)).rejects.toThrow('too large');
  });

  it('times out a slow answer', async () => {
    const started = Date.now();
    await expect(fetcher().fetch(`${server.origin}/slow`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a body that stalls', async () => {
    const started = Date.now();
    await expect(fetcher().fetch(`${server.origin}/slow-body`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('uses an injected fetch when given one', async () => {
    const calls: string[] = [];
    const fake = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response('{"keys":[]}', { status: 200 });
    }) as typeof fetch;

    await new JwksFetcher({ timeoutMs: 100, fetch: fake, maxBytes: 100 }).fetch(
      'https://example.test/jwks.json',
    );

    expect(calls).toEqual(['https://example.test/jwks.json']);
  });

  it('refuses an answer without a body', async () => {
    const fake = (async () => new Response(null, { status: 200 })) as typeof fetch;
    await expect(
      new JwksFetcher({ timeoutMs: 100, fetch: fake }).fetch('https://example.test/'),
    ).rejects.toThrow('status 200');
  });
});
