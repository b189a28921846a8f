import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createGateway, type GatewayLogEntry } from '@cognito-tenancy/local-stack/gateway/gateway-server';
import type { Invoke, InvokeOutcome } from '@cognito-tenancy/local-stack/gateway/lambda-invoker';
import { GATEWAY_SECRET_HEADER } from '@cognito-tenancy/local-stack/gateway/tenant-headers';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { allowResult } from './fixtures';
import { httpRequest } from './http';

interface Seen {
  method?: string;
  url?: string;
  headers?: IncomingHttpHeaders;
  body?: string;
}

const ORIGIN = 'http://acme.localhost:5173';
let answers: Record<string, InvokeOutcome | Error>;
const events: Record<string, unknown[]> = {};
const seen: Seen = {};
const logs: GatewayLogEntry[] = [];
let service: Server;
let gateway: Server;
let port: number;

const invoke: Invoke = async (name, event) => {
  events[name] = [...(events[name] ?? []), event];
  const answer = answers[name];
  if (answer === undefined) throw new Error(`no function ${name}`);
  if (answer instanceof Error) throw answer;
  return answer;
};

interface EventView {
  type?: string;
  methodArn?: string;
  httpMethod: string;
  resource: string;
  body: string | null;
  headers: Record<string, string>;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  requestContext: { domainName: string; domainPrefix: string };
}

const lambdaJson = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): InvokeOutcome => ({
  kind: 'result',
  payload: {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  },
});

beforeAll(async () => {
  service = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Object.assign(seen, {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tenant: req.headers['x-tenant-id'] }));
    });
  });
  const servicePort = await listen(service, 0);
  gateway = createGateway({
    invoke,
    serviceUrl: `http://127.0.0.1:${servicePort}`,
    authorizerCacheTtlSeconds: 0,
    corsOrigins: [ORIGIN],
    gatewaySecret: 'secret-1',
    log: (entry) => logs.push(entry),
  }).server;
  port = await listen(gateway, 0);
});

afterAll(async () => {
  await close(gateway);
  await close(service);
});

beforeEach(() => {
  answers = {};
  for (const key of Object.keys(events)) delete events[key];
  for (const key of Object.keys(seen)) delete seen[key as keyof Seen];
  logs.length = 0;
});

describe('local gateway: public routes', () => {
  it('invokes config-resolver with a REST proxy event whose domainName is the host without port', async () => {
    answers['config-resolver'] = lambdaJson(200, { tenantId: 'acme' }, { 'cache-control': 'max-age=60' });
    const res = await httpRequest({
      port,
      host: 'Acme.Localhost',
      path: '/config?x=1&x=2',
      headers: { 'X-Forwarded-Host': 'globex.localhost' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ tenantId: 'acme' });
    expect(res.headers['cache-control']).toBe('max-age=60');
    const event = events['config-resolver']![0] as EventView;
    expect(event.requestContext.domainName).toBe('acme.localhost');
    expect(event.requestContext.domainPrefix).toBe('acme');
    expect(event.httpMethod).toBe('GET');
    expect(event.resource).toBe('/config');
    expect(event.headers['X-Forwarded-Host']).toBe('globex.localhost');
    expect(event.multiValueQueryStringParameters).toEqual({ x: ['1', '2'] });
    expect(event.queryStringParameters).toEqual({ x: '2' });
    expect(event.body).toBeNull();
  });

  it('passes the body of POST /tenant-match to tenant-match', async () => {
    answers['tenant-match'] = lambdaJson(404, { message: 'Not found' });
    const res = await httpRequest({
      port,
      host: 'app.localhost',
      method: 'POST',
      path: '/tenant-match',
      body: '{"email":"bob@acme.example"}',
    });
    expect(res.status).toBe(404);
    expect((events['tenant-match']![0] as { body: string }).body).toBe('{"email":"bob@acme.example"}');
  });

  it('answers 502 when a Lambda fails or returns something that is not a proxy result', async () => {
    answers['config-resolver'] = { kind: 'function-error', errorType: 'Error', errorMessage: 'boom' };
    expect((await httpRequest({ port, path: '/config' })).status).toBe(502);
    answers['config-resolver'] = { kind: 'result', payload: { body: 'no status' } };
    expect((await httpRequest({ port, path: '/config' })).status).toBe(502);
    answers['config-resolver'] = new Error('ECONNREFUSED');
    expect((await httpRequest({ port, path: '/config' })).status).toBe(502);
  });

  it("answers paths outside the route table with API Gateway's Missing Authentication Token", async () => {
    const res = await httpRequest({ port, path: '/' });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ message: 'Missing Authentication Token' });
    expect(res.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });
});

describe('local gateway: protected proxy', () => {
  it('forwards an allowed call with the tenant context from the authorizer, never the client copies', async () => {
    answers.authorizer = { kind: 'result', payload: allowResult() };
    const res = await httpRequest({
      port,
      host: 'acme.localhost',
      method: 'POST',
      path: '/items?limit=5',
      headers: {
        authorization: 'Bearer t',
        'x-tenant-id': 'globex',
        'X-User-Groups': '["globex-admins"]',
        origin: ORIGIN,
      },
      body: '{"text":"hi"}',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ tenant: 'acme' });
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(seen.url).toBe('/items?limit=5');
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe('{"text":"hi"}');
    expect(seen.headers?.['x-tenant-id']).toBe('acme');
    expect(seen.headers?.['x-user-groups']).toBe('["acme-admins"]');
    expect(seen.headers?.[GATEWAY_SECRET_HEADER]).toBe('secret-1');
    expect(seen.headers?.authorization).toBe('Bearer t');
    const event = events.authorizer![0] as EventView;
    expect(event.type).toBe('REQUEST');
    expect(event.methodArn).toBe('arn:aws:execute-api:local:000000000000:localapi/local/POST/items');
    expect(event.requestContext.domainName).toBe('acme.localhost');
  });

  it('never lets a path change the host: //host:port/x reaches the service, not that host (#19.1)', async () => {
    let reachedOther = 0;
    const other = createServer((_req, res) => {
      reachedOther += 1;
      res.end('other host');
    });
    const otherPort = await listen(other, 0);
    try {
      answers.authorizer = { kind: 'result', payload: allowResult() };
      for (const path of [
        `//127.0.0.1:${otherPort}/anything`,
        `///127.0.0.1:${otherPort}/anything?x=1`,
        `/\\127.0.0.1:${otherPort}/anything`,
        `//user@127.0.0.1:${otherPort}/anything`,
      ]) {
        const res = await httpRequest({
          port,
          method: 'POST',
          path,
          headers: { authorization: 'Bearer t' },
          body: '{}',
        });
        expect(res.status).toBe(200);
        expect(res.json).toEqual({ tenant: 'acme' });
        expect(seen.url?.startsWith('/')).toBe(true);
        expect(seen.url).toContain(`127.0.0.1:${otherPort}/anything`);
      }
      expect(reachedOther).toBe(0);
    } finally {
      await close(other);
    }
  });

  it('drops underscore spellings of the tenant headers before the service (#19.2)', async () => {
    answers.authorizer = { kind: 'result', payload: allowResult() };
    const res = await httpRequest({
      port,
      path: '/items',
      headers: { authorization: 'Bearer t', X_Tenant_Id: 'globex', x_user_groups: '["globex-admins"]' },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(seen.headers ?? {}).filter((name) => name.includes('_'))).toEqual([]);
    expect(seen.headers?.['x-tenant-id']).toBe('acme');
  });

  it('answers 401, 403 and 500 like API Gateway and never reaches the service', async () => {
    const call = () =>
      httpRequest({ port, path: '/items', headers: { authorization: 'Bearer t', origin: ORIGIN } });
    answers.authorizer = { kind: 'function-error', errorType: 'Error', errorMessage: 'Unauthorized' };
    const unauthorized = await call();
    expect([unauthorized.status, unauthorized.json]).toEqual([401, { message: 'Unauthorized' }]);
    expect(unauthorized.headers['access-control-allow-origin']).toBe(ORIGIN);
    answers.authorizer = {
      kind: 'result',
      payload: {
        ...allowResult(),
        policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
      },
    };
    const denied = await call();
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({
      message: 'User is not authorized to access this resource with an explicit deny',
    });
    answers.authorizer = { kind: 'function-error', errorType: 'Error', errorMessage: 'Something else' };
    expect((await call()).status).toBe(500);
    answers.authorizer = { kind: 'result', payload: allowResult('*', { tenantId: '' }) };
    expect((await call()).status).toBe(500);
    expect(seen.url).toBeUndefined();
    expect(logs.map((l) => l.outcome)).toEqual([
      'unauthorized:authorizer-unauthorized',
      'forbidden:explicit-deny',
      'authorizer-error',
      'incomplete-tenant-context',
    ]);
  });

  it('answers 401 to a call without a token without invoking the authorizer', async () => {
    answers.authorizer = { kind: 'result', payload: allowResult() };
    expect((await httpRequest({ port, path: '/items' })).status).toBe(401);
    expect(events.authorizer).toBeUndefined();
    expect(logs.map((l) => l.authorizer)).toEqual(['skipped']);
  });

  it('answers CORS preflights for listed origins only', async () => {
    const ok = await httpRequest({ port, method: 'OPTIONS', path: '/items', headers: { origin: ORIGIN } });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(ok.headers['access-control-allow-headers']).toContain('authorization');
    const evil = await httpRequest({
      port,
      method: 'OPTIONS',
      path: '/items',
      headers: { origin: 'http://evil.localhost:5173' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(evil.headers.vary).toBe('Origin');
  });

  it('refuses bodies over the limit with 413', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    const res = await httpRequest({ port, method: 'POST', path: '/tenant-match', body: big });
    expect(res.status).toBe(413);
  });
});
