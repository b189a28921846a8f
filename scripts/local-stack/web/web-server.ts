/**
 * The local stack's front door, one port for every `*.localhost` host (Chromium and the
 * other major browsers resolve `*.localhost` to loopback, so tenant hosts need no DNS):
 *
 * - `login.localhost`: the stand-in for Cognito's managed login (managed-login/);
 * - any other `*.localhost` host: the SPA build (`packages/spa/dist`), with the API paths
 *   (`/config`, `/tenant-match`, `/pets`, `/admin/...`) forwarded to the local gateway with
 *   the browser's Host kept, as CloudFront forwards them deployed, so the SPA calls its own
 *   origin in both places; `/app-settings.json` from the stack's settings; `index.html` for
 *   other navigations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { SPA_DIST } from '@cognito-tenancy/build/spa-build';
import { requestHost, sendJson } from '../http-io';

/** The managed-login stand-in's host name. */
export const LOGIN_HOST = 'login.localhost';

export interface WebServerOptions {
  /** The gateway's port, once known. */
  readonly gatewayPort: () => number;
  /** This server's port, once known (for the stand-in's origin in the CSP). */
  readonly webPort: () => number;
  /** `/app-settings.json` (see packages/spa/src/app-settings.ts). */
  readonly appSettings: () => Readonly<Record<string, unknown>>;
  /** The managed-login stand-in's handler. */
  readonly managedLogin: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The build to serve; default `packages/spa/dist`. */
  readonly distDir?: string;
}

/** Only loopback names: a page for another host name (DNS rebinding) is refused. */
export function isLocalHost(host: string | undefined): boolean {
  return (
    host !== undefined &&
    (host === 'localhost' || host === '127.0.0.1' || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost$/.test(host))
  );
}

/** Paths CloudFront sends to API Gateway deployed; everything else is the SPA. */
export function isApiPath(path: string): boolean {
  return (
    path === '/config' ||
    path === '/tenant-match' ||
    path === '/pets' ||
    path.startsWith('/pets/') ||
    path.startsWith('/admin/')
  );
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function securityHeaders(loginOrigin: string): Record<string, string> {
  return {
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
      `connect-src 'self' ${loginOrigin}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** Reads the build into memory: `/index.html` and `/assets/*` only. */
function loadBuild(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('/index.html', readFileSync(join(dir, 'index.html')));
  for (const name of readdirSync(join(dir, 'assets'))) {
    files.set(`/assets/${name}`, readFileSync(join(dir, 'assets', name)));
  }
  return files;
}

/** Forwards one request to the gateway, Host header and body unchanged. */
function forward(req: IncomingMessage, res: ServerResponse, port: number): void {
  const upstream = request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendJson(res, 502, { message: 'the local gateway is not reachable' });
    else res.destroy();
  });
  req.pipe(upstream);
}

/** Creates the web server (not listening yet). Throws when the SPA build is missing. */
export function createWebServer(options: WebServerOptions): Server {
  const files = loadBuild(options.distDir ?? SPA_DIST);
  return createServer((req, res) => {
    const host = requestHost(req);
    if (!isLocalHost(host)) {
      sendJson(res, 421, { message: 'this server only answers localhost and *.localhost' });
      return;
    }
    if (host === LOGIN_HOST) {
      void options.managedLogin(req, res);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://web').pathname;
    if (isApiPath(path)) {
      forward(req, res, options.gatewayPort());
      return;
    }
    const headers = securityHeaders(`http://${LOGIN_HOST}:${options.webPort()}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { message: 'method not allowed' }, { ...headers, allow: 'GET, HEAD' });
      return;
    }
    if (path === '/app-settings.json') {
      sendJson(res, 200, options.appSettings(), { ...headers, 'cache-control': 'no-store' });
      return;
    }
    const asset = path.startsWith('/assets/') ? files.get(path) : undefined;
    const navigation = (req.headers.accept ?? '').includes('text/html');
    const body = asset ?? (navigation || path === '/' ? files.get('/index.html') : undefined);
    if (body === undefined) {
      sendJson(res, 404, { message: 'not found' }, headers);
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': asset ? (TYPES[extname(path)] ?? 'application/octet-stream') : TYPES['.html'],
      'content-length': String(body.length),
      // Content-hashed assets never change; index.html names the current ones.
      'cache-control': asset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}
