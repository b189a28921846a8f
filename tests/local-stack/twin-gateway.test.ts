import type { Server } from 'node:http';
import { createGateway, type GatewayLogEntry } from '@cognito-tenancy/local-stack/gateway/gateway-server';
import type { Invoke } from '@cognito-tenancy/local-stack/gateway/lambda-invoker';
import { readTwinStack } from '@cognito-tenancy/local-stack/gateway/twin-stack';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import { afterEach, describe, expect, it } from '@jest/globals';
import { gatewayErrorCorsParameters, preflightResponseTemplate } from '../../infra/src/cors';
import { allowResult } from './fixtures';
import { httpRequest } from './http';
import { type StackDocument, twinFixture, withCorsPreflight } from './twin-fixture';

let gateway: Server | undefined;
afterEach(async () => {
  if (gateway) await close(gateway);
  gateway = undefined;
});

const ok = { kind: 'result' as const, payload: { statusCode: 200, body: '{"ok":true}' } };

async function serve(doc: StackDocument, now?: () => number) {
  const calls: Array<{ name: string; event: Record<string, unknown> }> = [];
  const logs: GatewayLogEntry[] = [];
  const invoke: Invoke = async (name, event) => {
    calls.push({ name, event: event as Record<string, unknown> });
    return name === 'authorizer' ? { kind: 'result', payload: allowResult() } : ok;
  };
  const stack = readTwinStack(doc);
  gateway = createGateway({
    stack,
    invoke,
    functionNames: Object.fromEntries(stack.functions.map((f) => [f.functionName, f.packageName])),
    corsOrigins: [],
    ...(now ? { now } : {}),
    log: (entry) => logs.push(entry),
  }).server;
  const port = await listen(gateway, 0);
  const signOut = () =>
    httpRequest({
      port,
      method: 'POST',
      path: '/admin/users/3f1c-77/sign-out',
      headers: { authorization: 'Bearer t' },
    });
  return { port, calls, logs, signOut };
}

describe('the twin gateway: Lambda permissions as API Gateway evaluates them', () => {
  it('invokes sign-out when its permission matches the real request path', async () => {
    const { signOut, calls } = await serve(twinFixture());
    const res = await signOut();
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.name)).toEqual(['authorizer', 'sign-out']);
  });

  it('answers 500 like API Gateway when the permission names the literal {sub} (the drift of #16)', async () => {
    const doc = twinFixture();
    doc.resource.aws_lambda_permission!.signout!.source_arn =
      '${aws_api_gateway_rest_api.api.execution_arn}/*/POST/admin/users/{sub}/sign-out';
    const { signOut, calls, logs } = await serve(doc);
    const res = await signOut();
    expect([res.status, res.json]).toEqual([500, { message: 'Internal server error' }]);
    expect(calls.map((c) => c.name)).toEqual(['authorizer']);
    expect(logs.at(-1)?.outcome).toBe('lambda-permission');
  });

  it('refuses a function without any API Gateway permission, and an authorizer without one', async () => {
    const doc = twinFixture();
    delete doc.resource.aws_lambda_permission!.config;
    delete doc.resource.aws_lambda_permission!.authorizer;
    const { port, calls } = await serve(doc);
    const config = await httpRequest({ port, path: '/config' });
    expect([config.status, config.json]).toEqual([500, { message: 'Internal server error' }]);
    const proxied = await httpRequest({ port, path: '/items', headers: { authorization: 'Bearer t' } });
    expect([proxied.status, proxied.json]).toEqual([500, { message: null }]);
    expect(calls).toEqual([]);
  });

  it('checks the stage and the method in the source ARN', async () => {
    const doc = twinFixture();
    doc.resource.aws_lambda_permission!.config!.source_arn =
      '${aws_api_gateway_rest_api.api.execution_arn}/prod/GET/config';
    const { port } = await serve(doc);
    expect((await httpRequest({ port, path: '/config' })).status).toBe(500);
  });
});

describe('the twin gateway: what else it takes from the stack', () => {
  it('sends {proxy+} to a Lambda (AWS_PROXY) with the authorizer context when the stack says so', async () => {
    const { port, calls } = await serve(twinFixture('AWS_PROXY'));
    const res = await httpRequest({ port, path: '/pets?limit=2', headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(200);
    const pets = calls.find((c) => c.name === 'pets')!.event as {
      pathParameters: Record<string, string>;
      requestContext: { authorizer: Record<string, string> };
    };
    expect(pets.pathParameters).toEqual({ proxy: 'pets' });
    expect(pets.requestContext.authorizer.tenantId).toBe('acme');
  });

  it('throttles a method past its burst with 429, before the authorizer runs', async () => {
    const doc = twinFixture();
    doc.resource.aws_api_gateway_method_settings!.config = {
      method_path: 'config/GET',
      stage_name: '${aws_api_gateway_stage.stage.stage_name}',
      settings: { throttling_rate_limit: 1, throttling_burst_limit: 2 },
    };
    const { port } = await serve(doc, () => 0);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await httpRequest({ port, path: '/config' })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const throttled = await httpRequest({ port, path: '/config' });
    expect(throttled.json).toEqual({ message: 'Too Many Requests' });
  });

  it('applies gateway responses (DEFAULT_4XX headers) to its own errors', async () => {
    const doc = twinFixture();
    doc.resource.aws_api_gateway_gateway_response = {
      d4: {
        response_type: 'DEFAULT_4XX',
        response_parameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example'",
        },
      },
      missing: {
        response_type: 'MISSING_AUTHENTICATION_TOKEN',
        status_code: '404',
        response_templates: { 'application/json': '{"error":$context.error.messageString}' },
      },
    };
    const { port } = await serve(doc);
    const unauthorized = await httpRequest({ port, path: '/items' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe('https://app.example');
    const missing = await httpRequest({ port, path: '/admin' });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Missing Authentication Token' }]);
  });
});

describe('the twin gateway: infra CORS setup (MOCK preflight, gateway errors echo Origin)', () => {
  const origins = ['https://app.example.com', 'https://admin.example.com'];
  const corsDoc = () =>
    withCorsPreflight(twinFixture(), origins, {
      template: preflightResponseTemplate,
      errorParameters: gatewayErrorCorsParameters,
    });

  it('reads the origin list from the preflight template and answers OPTIONS without any Lambda', async () => {
    expect(readTwinStack(corsDoc()).preflight).toEqual({ paths: ['/config'], origins });
    const { port, calls } = await serve(corsDoc());
    for (const origin of origins) {
      const res = await httpRequest({ port, method: 'OPTIONS', path: '/config', headers: { origin } });
      expect([res.status, res.headers['access-control-allow-origin']]).toEqual([204, origin]);
    }
    const foreign = await httpRequest({
      port,
      method: 'OPTIONS',
      path: '/config',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(204);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('gives every configured origin CORS headers on a gateway 401, once sent; none when repeated', async () => {
    const { port } = await serve(corsDoc());
    for (const origin of origins) {
      const res = await httpRequest({ port, path: '/items', headers: { origin } });
      expect([res.status, res.headers['access-control-allow-origin']]).toEqual([401, origin]);
    }
    const twice = await httpRequest({
      port,
      path: '/items',
      headers: { origin: [origins[0]!, origins[1]!] },
    });
    expect(twice.status).toBe(401);
    expect(twice.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a preflight template it cannot read, and a MOCK anywhere but OPTIONS', () => {
    const edited = corsDoc();
    edited.resource.aws_api_gateway_integration_response!['config-options']!.response_templates = {
      'application/json': '#set($x = 1)',
    };
    expect(() => readTwinStack(edited)).toThrow(/only the preflight template/);
    const stray = corsDoc();
    stray.resource.aws_api_gateway_integration!['config-options']!.request_templates = {
      'application/json': '{"statusCode": 200}',
    };
    expect(() => readTwinStack(stray)).toThrow(/MOCK request template must be/);
  });
});
