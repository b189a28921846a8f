/**
 * The HTTP proxy integration of `ANY /{proxy+}`: the request goes to the integration URI's
 * host with the path built from the route's parameters (integration-target.ts), the headers
 * prepared by tenant-headers.ts, and a timeout like API Gateway's 29 s integration limit.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IntegrationUri } from './integration-target';
import type { HttpAnswer } from './lambda-response';

export interface ForwardInput {
  /** Host and port come from here only, never from the request. */
  readonly uri: IntegrationUri;
  readonly method: string;
  /** From integrationPath(): the URI's path with its placeholders filled, and the query. */
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
  const request = input.uri.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        protocol: input.uri.protocol,
        hostname: input.uri.hostname,
        port: input.uri.port,
        path: input.pathAndQuery,
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
