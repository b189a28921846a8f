/** A throwaway HTTPS server on 127.0.0.1 with a certificate made for the test run. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { NOW } from './environment';
import { certificateAround } from './x509';

export interface TestServer {
  readonly origin: string;
  readonly ca: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function httpsServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  // Valid around the real clock: TLS verification uses the system time, not the tests' NOW.
  const now = new Date();
  const cert = certificateAround(now > NOW ? now : NOW, -1, 2, {
    ipAddress: '127.0.0.1',
    commonName: '127.0.0.1',
  });
  const requests: string[] = [];
  const server = createServer({ key: cert.privateKeyPem, cert: cert.pem }, (req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    ca: cert.pem,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
