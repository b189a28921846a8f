/**
 * Reading metadata documents with hard limits: a file must be a regular file no larger
 * than the cap (so `/dev/zero` or a FIFO cannot hang the tool), and a URL is fetched over
 * HTTPS only, with one deadline for the whole exchange, few redirects and a streamed size cap.
 */
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { DEFAULT_XML_LIMITS } from './xml';

/** Why a document could not be read. */
export class MetadataLoadError extends Error {
  override readonly name = 'MetadataLoadError';
  constructor(
    readonly code: 'unreadable' | 'not-a-file' | 'too-large' | 'timeout' | 'http-status' | 'fetch-failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const MAX_METADATA_BYTES = DEFAULT_XML_LIMITS.maxBytes;

/** Reads a metadata file of at most `maxBytes`. */
export async function readMetadataFile(path: string, maxBytes = MAX_METADATA_BYTES): Promise<Buffer> {
  const info = await stat(path).catch((cause: NodeJS.ErrnoException) => {
    throw new MetadataLoadError('unreadable', `cannot read ${path} (${cause.code ?? 'error'})`, { cause });
  });
  assertSmallFile(path, info, maxBytes);
  const handle = await open(path, 'r');
  try {
    assertSmallFile(path, await handle.stat(), maxBytes);
    // Read one byte more than allowed, in case the file grew since stat().
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, maxBytes);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function assertSmallFile(path: string, info: Stats, maxBytes: number): void {
  if (!info.isFile()) throw new MetadataLoadError('not-a-file', `${path} is not a regular file`);
  if (info.size > maxBytes) throw tooLarge(path, maxBytes);
}

const tooLarge = (what: string, maxBytes: number) =>
  new MetadataLoadError('too-large', `${what} is larger than ${maxBytes} bytes`);

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Extra trusted CA certificates (PEM); tests use a throwaway one. */
  readonly ca?: string | readonly string[];
}

/** GETs an https:// URL within one deadline, following at most a few https:// redirects. */
export async function fetchMetadata(url: string, options: FetchOptions): Promise<Buffer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let target = url;
  for (let redirects = 0; ; redirects += 1) {
    const parsed = new URL(target);
    if (parsed.protocol !== 'https:') {
      throw new MetadataLoadError('fetch-failed', `refusing to fetch ${parsed.protocol} URL; https:// only`);
    }
    const response = await get(parsed, options, signal);
    if (response.location === undefined) return response.body;
    if (redirects >= (options.maxRedirects ?? 3)) {
      throw new MetadataLoadError('fetch-failed', `${url}: too many redirects`);
    }
    target = new URL(response.location, parsed).toString();
  }
}

function get(url: URL, options: FetchOptions, signal: AbortSignal) {
  const maxBytes = options.maxBytes ?? MAX_METADATA_BYTES;
  return new Promise<{ body: Buffer; location?: string }>((resolve, reject) => {
    const fail = (error: MetadataLoadError) => {
      req.destroy();
      reject(error);
    };
    const req = request(
      url,
      {
        method: 'GET',
        signal,
        headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
        ...(options.ca === undefined ? {} : { ca: options.ca as string[] }),
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined) {
          res.resume();
          resolve({ body: Buffer.alloc(0), location: res.headers.location });
          return;
        }
        if (status !== 200)
          return fail(new MetadataLoadError('http-status', `${url.origin} answered ${status}`));
        if (Number(res.headers['content-length'] ?? 0) > maxBytes)
          return fail(tooLarge(url.origin, maxBytes));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(tooLarge(url.origin, maxBytes));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
        res.on('error', (cause) => fail(failure(url, signal, cause, options.timeoutMs)));
      },
    );
    req.on('error', (cause) => reject(failure(url, signal, cause, options.timeoutMs)));
    req.end();
  });
}

function failure(url: URL, signal: AbortSignal, cause: unknown, timeoutMs: number): MetadataLoadError {
  if (signal.aborted) {
    return new MetadataLoadError('timeout', `${url.origin} did not answer within ${timeoutMs} ms`, { cause });
  }
  const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
  return new MetadataLoadError('fetch-failed', `cannot fetch from ${url.origin} (${code})`, { cause });
}
