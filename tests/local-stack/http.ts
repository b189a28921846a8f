/**
 * An HTTP client for tests that sets the Host header itself, so that a request can arrive
 * "on" a tenant host (`acme.localhost`) while connecting to 127.0.0.1, with no DNS.
 */
import { request } from 'node:http';

export interface TestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

export interface TestRequest {
  readonly port: number;
  readonly host?: string;
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  readonly body?: string | Buffer;
}

/** Sends one request to 127.0.0.1:`port` with `Host: <host>:<port>`. */
export function httpRequest(input: TestRequest): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: input.port,
        method: input.method ?? 'GET',
        path: input.path,
        headers: { host: `${input.host ?? 'localhost'}:${input.port}`, ...input.headers },
        timeout: 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('test request timed out')));
    req.on('error', reject);
    req.end(input.body);
  });
}
