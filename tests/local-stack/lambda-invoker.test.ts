import { createServer, type Server } from 'node:http';
import { createLambdaInvoker, LambdaInvokeError } from '@cognito-tenancy/local-stack/gateway/lambda-invoker';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

let server: Server;
let endpoint: string;
const requests: Array<{ url?: string; body: string; type?: string | string[] }> = [];

beforeAll(async () => {
  // A minimal Invoke API: `echo` returns its event, `fail` is an unhandled error, `text` is not JSON.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      requests.push({ url: req.url, body, type: req.headers['x-amz-invocation-type'] });
      const name = /functions\/([^/]+)\/invocations$/.exec(req.url ?? '')?.[1];
      if (name === 'echo') res.end(body);
      else if (name === 'fail') {
        res.writeHead(200, { 'x-amz-function-error': 'Unhandled' });
        res.end(JSON.stringify({ errorType: 'Error', errorMessage: 'Unauthorized' }));
      } else if (name === 'text') res.end('<html>');
      else if (name === 'slow') setTimeout(() => res.end('{}'), 500);
      else {
        res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' });
        res.end('{"Type":"User","message":"Function not found"}');
      }
    });
  });
  endpoint = `http://127.0.0.1:${await listen(server, 0)}`;
});

afterAll(() => close(server));

describe('createLambdaInvoker', () => {
  it('posts the event to the Invoke API path and returns the payload', async () => {
    const invoke = createLambdaInvoker({ endpoint });
    expect(await invoke('echo', { a: 1 })).toEqual({ kind: 'result', payload: { a: 1 } });
    expect(requests.at(-1)).toMatchObject({
      url: '/2015-03-31/functions/echo/invocations',
      type: 'RequestResponse',
    });
  });

  it('reports a function error with its type and message', async () => {
    const invoke = createLambdaInvoker({ endpoint });
    expect(await invoke('fail', {})).toEqual({
      kind: 'function-error',
      errorType: 'Error',
      errorMessage: 'Unauthorized',
    });
  });

  it('throws for an unknown function, a non-JSON payload, a timeout and an unreachable endpoint', async () => {
    const invoke = createLambdaInvoker({ endpoint, timeoutMs: 100 });
    await expect(invoke('missing', {})).rejects.toThrow(LambdaInvokeError);
    await expect(invoke('text', {})).rejects.toThrow(/not JSON/);
    await expect(invoke('slow', {})).rejects.toThrow(LambdaInvokeError);
    const nowhere = createLambdaInvoker({ endpoint: 'http://127.0.0.1:1', timeoutMs: 500 });
    await expect(nowhere('echo', {})).rejects.toThrow(LambdaInvokeError);
  });

  it('escapes the function name in the path', async () => {
    const invoke = createLambdaInvoker({ endpoint });
    await expect(invoke('../x', {})).rejects.toThrow(LambdaInvokeError);
    expect(requests.at(-1)?.url).toBe('/2015-03-31/functions/..%2Fx/invocations');
  });
});
