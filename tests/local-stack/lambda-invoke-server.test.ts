import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLambdaInvoker } from '@cognito-tenancy/local-stack/gateway/lambda-invoker';
import {
  type LambdaInvokeServer,
  startLambdaInvokeServer,
} from '@cognito-tenancy/local-stack/lambda-invoke-server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const BUNDLES: Record<string, string> = {
  // Reads its environment at module scope, as Lambdas do; counts warm invocations.
  'env.mjs': `
    const greeting = process.env.GREETING;
    let calls = 0;
    export const handler = async (event, context) => ({
      event, greeting, calls: ++calls,
      functionName: context.functionName, arn: context.invokedFunctionArn,
      remaining: context.getRemainingTimeInMillis(),
      region: process.env.AWS_REGION, key: process.env.AWS_ACCESS_KEY_ID,
      leaked: process.env.PARENT_SECRET ?? null,
    });`,
  'fail.mjs': `
    class Boom extends Error { name = 'Boom'; }
    export const handler = async () => { throw new Boom('it broke'); };`,
  'init-fail.mjs': `
    globalThis.__inits = (globalThis.__inits ?? 0) + 1;
    if (!process.env.READY) throw new Error('TABLE is required');
    export const handler = async () => 'ready';`,
  'serial.mjs': `
    let active = 0;
    let most = 0;
    export const handler = async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active -= 1;
      return most;
    };`,
  'slow.mjs': 'export const handler = () => new Promise(() => {});',
  'exit.mjs': 'export const handler = async () => { process.exit(3); };',
  'none.mjs': 'export const other = async () => 1;',
  'callback.mjs':
    'export const handler = (event, context, callback) => { callback(null, { via: "callback" }); };',
  'marshal.mjs': 'export const handler = async () => ({ big: 1n });',
  'undefined.mjs': 'export const handler = async () => undefined;',
  'log.mjs':
    'export const handler = async (e) => { console.log("hello", e.n); console.error("oops"); return 1; };',
};

let dir: string;
let server: LambdaInvokeServer;
const bundle = (file: string) => join(dir, file);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lambda-invoke-'));
  for (const [file, code] of Object.entries(BUNDLES)) writeFileSync(join(dir, file), code);
  process.env.PARENT_SECRET = 'developer-credentials';
  server = await startLambdaInvokeServer({
    functions: {
      alpha: { bundle: bundle('env.mjs'), environment: { GREETING: 'alpha' } },
      beta: { bundle: bundle('env.mjs'), environment: { GREETING: 'beta' } },
      fail: { bundle: bundle('fail.mjs') },
      'init-fail': { bundle: bundle('init-fail.mjs') },
      serial: { bundle: bundle('serial.mjs') },
      slow: { bundle: bundle('slow.mjs'), timeoutMs: 200 },
      exit: { bundle: bundle('exit.mjs') },
      none: { bundle: bundle('none.mjs') },
      callback: { bundle: bundle('callback.mjs') },
      marshal: { bundle: bundle('marshal.mjs') },
      undefined: { bundle: bundle('undefined.mjs') },
      log: { bundle: bundle('log.mjs') },
    },
  });
});

afterAll(async () => {
  await server?.close();
  delete process.env.PARENT_SECRET;
  rmSync(dir, { recursive: true, force: true });
});

async function invoke(name: string, body: string | object = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

describe('startLambdaInvokeServer', () => {
  it('listens on loopback with a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs a function and returns its result as JSON', async () => {
    const answer = await invoke('alpha', { hello: 'world' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-amz-function-error')).toBeNull();
    expect(answer.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(answer.json()).toMatchObject({
      event: { hello: 'world' },
      greeting: 'alpha',
      functionName: 'alpha',
      arn: 'arn:aws:lambda:local:000000000000:function:alpha',
      region: 'local',
      key: 'local',
    });
    expect(answer.json().remaining).toBeGreaterThan(0);
  });

  it('gives each function its own module-scope environment, and none of this process’s', async () => {
    const [a, b] = await Promise.all([invoke('alpha'), invoke('beta')]);
    expect(a.json().greeting).toBe('alpha');
    expect(b.json().greeting).toBe('beta');
    expect(a.json().leaked).toBeNull();
  });

  it('imports the bundle once and keeps it warm', async () => {
    const first = (await invoke('beta')).json().calls;
    const second = (await invoke('beta')).json().calls;
    expect(second).toBe(first + 1);
    expect(server.coldStarts('beta')).toBe(1);
  });

  it('runs the invocations of one function one at a time, in order', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => invoke('serial')));
    expect(results.map((r) => r.json())).toEqual([1, 1, 1, 1]);
  });

  it('a configuration change is a cold start with the new environment', async () => {
    server.updateFunction('alpha', { environment: { GREETING: 'alpha-2' } });
    const answer = (await invoke('alpha')).json();
    expect(answer).toMatchObject({ greeting: 'alpha-2', calls: 1 });
  });

  it('reports an unhandled error as Lambda does', async () => {
    const answer = await invoke('fail');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(answer.json()).toMatchObject({ errorType: 'Boom', errorMessage: 'it broke' });
    expect(Array.isArray(answer.json().trace)).toBe(true);
  });

  it('reports an init error, and retries init on the next invocation', async () => {
    const answer = await invoke('init-fail');
    expect(answer.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(answer.json()).toMatchObject({ errorType: 'Error', errorMessage: 'TABLE is required' });
    server.updateFunction('init-fail', { environment: { READY: '1' } });
    expect((await invoke('init-fail')).json()).toBe('ready');
  });

  it('times out a hanging function and recycles its environment', async () => {
    const answer = await invoke('slow');
    expect(answer.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(answer.json()).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(answer.json().errorMessage).toMatch(/Task timed out after 0\.20 seconds$/);
    const before = server.coldStarts('slow');
    await invoke('slow');
    expect(server.coldStarts('slow')).toBe(before + 1);
  });

  it('survives a function that exits the process', async () => {
    const answer = await invoke('exit');
    expect(answer.json()).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect((await invoke('beta')).status).toBe(200);
  });

  it('reports a missing handler export', async () => {
    expect((await invoke('none')).json()).toMatchObject({ errorType: 'Runtime.HandlerNotFound' });
  });

  it('supports callback-style handlers, undefined results and unserialisable results', async () => {
    expect((await invoke('callback')).json()).toEqual({ via: 'callback' });
    expect((await invoke('undefined')).text).toBe('null');
    expect((await invoke('marshal')).json()).toMatchObject({ errorType: 'Runtime.MarshalError' });
  });

  it('keeps what functions log', async () => {
    await invoke('log', { n: 42 });
    for (let i = 0; i < 50 && server.logs('log').length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.logs('log')).toEqual(expect.arrayContaining(['hello 42', 'oops']));
  });

  it('answers unknown functions with ResourceNotFoundException', async () => {
    const answer = await invoke('nope');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(answer.json()).toEqual({
      Type: 'User',
      message: 'Function not found: arn:aws:lambda:local:000000000000:function:nope',
    });
  });

  it('accepts function ARNs and qualified names', async () => {
    expect((await invoke('arn:aws:lambda:local:000000000000:function:beta')).json().greeting).toBe('beta');
    expect((await invoke('beta:$LATEST')).json().greeting).toBe('beta');
  });

  it('refuses a body that is not JSON, and unknown operations', async () => {
    const bad = await invoke('beta', '{oops');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
    const other = await fetch(`${server.url}/2015-03-31/functions/beta`, { method: 'GET' });
    expect(other.status).toBe(404);
    expect(other.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('refuses payloads over 6 MB', async () => {
    const answer = await invoke('beta', JSON.stringify({ big: 'x'.repeat(6 * 1024 * 1024) }));
    expect(answer.status).toBe(413);
    expect(answer.headers.get('x-amzn-errortype')).toBe('RequestTooLargeException');
  });

  it('supports Event and DryRun invocations', async () => {
    expect((await invoke('beta', {}, { 'x-amz-invocation-type': 'DryRun' })).status).toBe(204);
    expect((await invoke('beta', {}, { 'x-amz-invocation-type': 'Event' })).status).toBe(202);
  });

  it('refuses to start without a built bundle', async () => {
    await expect(
      startLambdaInvokeServer({ functions: { ghost: { bundle: join(dir, 'missing.mjs') } } }),
    ).rejects.toThrow('local function ghost: no bundle at');
  });

  it('speaks the wire protocol of the AWS SDK v2 Lambda client that cognito-local uses', async () => {
    // The copy of cognito-local the local stack runs: a dependency of its package.
    const localStack = join(import.meta.dirname, '..', '..', 'scripts', 'local-stack');
    process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
    const fromCognitoLocal = createRequire(
      createRequire(join(localStack, 'package.json')).resolve('cognito-local/package.json'),
    );
    const AWS = fromCognitoLocal('aws-sdk') as {
      Lambda: new (o: object) => { invoke(p: object): { promise(): Promise<Record<string, unknown>> } };
    };
    const lambda = new AWS.Lambda({
      endpoint: server.url,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const ok = await lambda.invoke({ FunctionName: 'beta', Payload: JSON.stringify({ a: 1 }) }).promise();
    expect(ok.StatusCode).toBe(200);
    expect(JSON.parse(String(ok.Payload)).event).toEqual({ a: 1 });
    const failed = await lambda.invoke({ FunctionName: 'fail', Payload: '{}' }).promise();
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(String(failed.Payload)).errorMessage).toBe('it broke');
    await expect(lambda.invoke({ FunctionName: 'nope', Payload: '{}' }).promise()).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      statusCode: 404,
    });
  });

  it('works with the local gateway’s invoker', async () => {
    const invokeFn = createLambdaInvoker({ endpoint: server.url });
    expect(await invokeFn('fail', {})).toEqual({
      kind: 'function-error',
      errorType: 'Boom',
      errorMessage: 'it broke',
    });
  });
});
