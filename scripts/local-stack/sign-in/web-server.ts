/**
 * Serves the sign-in page on every `*.localhost` host of one port. Chromium (and the
 * other major browsers) resolve `*.localhost` to loopback, so `http://acme.localhost:<port>`
 * is the acme tenant's app host with no DNS set-up. The page's script is bundled from
 * page.ts with esbuild when the server starts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { requestHost, sendJson } from '../http-io';

export interface WebServerOptions {
  /** The gateway's port (or how to read it once known); the page calls `http://<its own host>:<apiPort>`. */
  readonly apiPort: number | (() => number);
  readonly apiToken: 'access' | 'id';
}

const DIR = import.meta.dirname;

/** Only loopback names: a page for another host name (DNS rebinding) is refused. */
export function isLocalHost(host: string | undefined): boolean {
  return (
    host !== undefined &&
    (host === 'localhost' || host === '127.0.0.1' || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost$/.test(host))
  );
}

/** Bundles the page script (an IIFE for a plain `<script>` tag). */
export async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(DIR, 'page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no page script');
  return output.text;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; " +
    "connect-src 'self' http://localhost:* http://*.localhost:* http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Creates the page server (not listening yet). */
export async function createWebServer(options: WebServerOptions): Promise<Server> {
  const html = readFileSync(join(DIR, 'index.html'));
  const script = Buffer.from(await bundlePageScript());
  const apiPort = options.apiPort;
  const runtime = () => ({
    apiPort: typeof apiPort === 'number' ? apiPort : apiPort(),
    apiToken: options.apiToken,
  });
  return createServer((req, res) => {
    if (!isLocalHost(requestHost(req))) {
      sendJson(res, 421, { message: 'this server only answers localhost and *.localhost' });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { message: 'method not allowed' }, { allow: 'GET, HEAD' });
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/local-stack.json') {
      sendJson(res, 200, runtime(), SECURITY_HEADERS);
      return;
    }
    const [type, body] =
      path === '/app.js' ? ['text/javascript; charset=utf-8', script] : ['text/html; charset=utf-8', html];
    if (path === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS).end();
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}
