/**
 * The HTTP proxy integration of `ANY /{proxy+}`: the request goes to the service URL with
 * the same path and query, the headers prepared by tenant-headers.ts, and a timeout like
 * API Gateway's 29 s integration limit.
 */
import { request } from 'node:http';
import type { HttpAnswer } from './lambda-response';

export interface ForwardInput {
  readonly serviceUrl: string;
  readonly method: string;
  /** Path and query as the client sent them. */
  readonly pathAndQuery: string;
  readonly headers: Readonly<Record<string, string[]>>;
  readonly body: Buffer;
  readonly timeoutMs: number;
}

/** The service did not answer in time (504) or could not be reached (502). */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
  constructor(
    readonly status: 502 | 504,
    message: string,
  ) {
    super(message);
  }
}

const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Sends the request to the service and returns its whole answer. */
export function forward(input: ForwardInput): Promise<HttpAnswer> {
  const base = new URL(input.serviceUrl);
  const target = new URL(base.pathname.replace(/\/$/, '') + input.pathAndQuery, base.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: input.method,
        headers: { ...input.headers, 'content-length': String(input.body.length) },
        timeout: input.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new IntegrationError(502, error.message)));
        res.on('end', () => {
          const headers: Record<string, string[]> = Object.create(null);
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            const name = (res.rawHeaders[i] as string).toLowerCase();
            if (!DROP_RESPONSE.has(name))
              headers[name] = [...(headers[name] ?? []), res.rawHeaders[i + 1] as string];
          }
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new IntegrationError(504, 'Endpoint request timed out')));
    req.on('error', (error) =>
      reject(error instanceof IntegrationError ? error : new IntegrationError(502, error.message)),
    );
    req.end(input.body);
  });
}
