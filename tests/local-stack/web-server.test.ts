/**
 * The local stack's web server: the SPA build on every *.localhost host, the API paths
 * forwarded to the gateway with the browser's Host kept (as CloudFront does), the stand-in
 * on login.localhost, and nothing for other host names (DNS rebinding).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import { createWebServer, isApiPath, isLocalHost } from '@cognito-tenancy/local-stack/web/web-server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpRequest } from './http';

let dist: string;
let web: Server;
let gateway: Server;
let webPort: number;
let gatewayPort: number;
const forwarded: Array<{ method?: string; url?: string; host?: string; body: string }> = [];

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'spa-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>spa</title>');
  writeFileSync(join(dist, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      forwarded.push({ method: req.method, url: req.url, host: req.headers.host, body });
      res.writeHead(201, { 'content-type': 'application/json', 'x-from': 'gateway' }).end('{"ok":true}');
    });
  });
  gatewayPort = await listen(gateway, 0);
  web = createWebServer({
    gatewayPort: () => gatewayPort,
    webPort: () => webPort,
    appSettings: () => ({ signOutBoundSeconds: 90 }),
    managedLogin: async (_req, res) => {
      res.writeHead(200, { 'x-from': 'stand-in' }).end('login');
    },
    distDir: dist,
  });
  webPort = await listen(web, 0);
});

afterAll(async () => {
  await close(web);
  await close(gateway);
  rmSync(dist, { recursive: true, force: true });
});

const get = (host: string, path: string, headers: Record<string, string> = {}) =>
  httpRequest({ port: webPort, host, path, headers });

describe('web server', () => {
  it('forwards the API paths to the gateway with the Host, method and body unchanged', async () => {
    const answer = await httpRequest({
      port: webPort,
      host: 'acme.localhost',
      method: 'POST',
      path: '/pets?x=1',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Rex"}',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers['x-from']).toBe('gateway');
    expect(forwarded.at(-1)).toEqual({
      method: 'POST',
      url: '/pets?x=1',
      host: `acme.localhost:${webPort}`,
      body: '{"name":"Rex"}',
    });
  });

  it('knows the API paths CloudFront routes to API Gateway, and nothing else', () => {
    for (const path of ['/config', '/tenant-match', '/pets', '/pets/abc', '/admin/users/x/sign-out']) {
      expect(isApiPath(path)).toBe(true);
    }
    for (const path of ['/', '/callback', '/assets/x.js', '/petsx', '/configs', '/items']) {
      expect(isApiPath(path)).toBe(false);
    }
  });

  it('serves index.html for navigations and hashed assets with a year of caching', async () => {
    const index = await get('app.localhost', '/callback?code=x', { accept: 'text/html' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>spa</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain(
      `connect-src 'self' http://login.localhost:${webPort}`,
    );
    const asset = await get('app.localhost', '/assets/index-AbCd1234.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Not a navigation, not an asset: 404 rather than HTML where a script was expected.
    expect((await get('app.localhost', '/assets/missing.js')).status).toBe(404);
    expect((await get('app.localhost', '/../../etc/passwd')).status).toBe(404);
  });

  it('serves the app settings and hands login.localhost to the stand-in', async () => {
    expect((await get('acme.localhost', '/app-settings.json')).json).toEqual({ signOutBoundSeconds: 90 });
    const login = await get('login.localhost', '/oauth2/authorize');
    expect(login.headers['x-from']).toBe('stand-in');
  });

  it('answers only loopback host names', async () => {
    expect((await get('evil.example', '/')).status).toBe(421);
    expect((await get('evil.example', '/config')).status).toBe(421);
    expect(isLocalHost('acme.localhost')).toBe(true);
    expect(isLocalHost('localhost.evil.example')).toBe(false);
    expect(isLocalHost(undefined)).toBe(false);
  });
});
