import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { close, listen } from '../../scripts/local-stack/http-io';
import { createWebServer, isLocalHost } from '../../scripts/local-stack/sign-in/web-server';
import { httpRequest } from './http';

let server: Server;
let port: number;

beforeAll(async () => {
  server = await createWebServer({ apiPort: 4321, apiToken: 'access' });
  port = await listen(server, 0);
});

afterAll(() => close(server));

describe('sign-in page server', () => {
  it('serves the page on tenant hosts under .localhost, with a strict CSP', async () => {
    const res = await httpRequest({ port, host: 'acme.localhost', path: '/' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('stands in for the redirect');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const callback = await httpRequest({ port, host: 'acme.localhost', path: '/callback?code=x' });
    expect(callback.text).toContain('<form id="email-form">');
  });

  it('serves the bundled script and the runtime configuration', async () => {
    const script = await httpRequest({ port, host: 'app.localhost', path: '/app.js' });
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.text).toContain('/tenant-match');
    const runtime = await httpRequest({ port, host: 'app.localhost', path: '/local-stack.json' });
    expect(runtime.json).toEqual({ apiPort: 4321, apiToken: 'access' });
  });

  it('refuses host names that are not loopback names (DNS rebinding) and non-GET methods', async () => {
    expect((await httpRequest({ port, host: 'evil.example', path: '/' })).status).toBe(421);
    expect((await httpRequest({ port, host: 'localhost.evil.example', path: '/' })).status).toBe(421);
    expect((await httpRequest({ port, host: 'acme.localhost', method: 'POST', path: '/' })).status).toBe(405);
  });

  it('accepts only localhost, 127.0.0.1 and *.localhost', () => {
    expect(['localhost', '127.0.0.1', 'acme.localhost', 'a.b.localhost'].every(isLocalHost)).toBe(true);
    expect(['localhost.example', 'xlocalhost', undefined, '127.0.0.2', '.localhost'].some(isLocalHost)).toBe(
      false,
    );
  });
});
