/**
 * The JWKS fetcher handed to aws-jwt-verify (its `Fetcher` interface): one GET with a
 * hard timeout covering the whole response, no redirects (a key set is never taken from
 * anywhere but the registered issuer's own URL), status 200 only, and a size cap.
 * It speaks http as well as https only because cognito-local serves plain http; which
 * URLs reach it is decided by the issuer check, never by a token.
 */
import type { Fetcher } from 'aws-jwt-verify/https';

export interface JwksFetcherOptions {
  readonly timeoutMs: number;
  /** Largest body accepted (Cognito's JWKS is about 1 KB). */
  readonly maxBytes?: number;
  /** The WHATWG fetch to use; the global one by default. */
  readonly fetch?: typeof globalThis.fetch;
}

/** A JWKS response that is not usable; the message never carries the body. */
export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
}

const DEFAULT_MAX_BYTES = 64 * 1024;

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new JwksFetchError('JWKS response too large');
    }
    chunks.push(value);
  }
  const buffer = Buffer.concat(chunks, total);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** Fetches a key set; see the module comment. */
export class JwksFetcher implements Fetcher {
  private readonly maxBytes: number;
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(private readonly options: JwksFetcherOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await this.fetchImpl(uri, {
      method: 'GET',
      redirect: 'error',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.status !== 200 || response.body === null) {
      await response.body?.cancel();
      throw new JwksFetchError(`JWKS answered status ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > this.maxBytes) {
      await response.body.cancel();
      throw new JwksFetchError('JWKS response too large');
    }
    return readLimited(response.body, this.maxBytes);
  }
}
