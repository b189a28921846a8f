import { createAuthorizerStep } from '@cognito-tenancy/local-stack/gateway/authorize';
import { createAuthorizerCache } from '@cognito-tenancy/local-stack/gateway/authorizer-cache';
import type { Invoke, InvokeOutcome } from '@cognito-tenancy/local-stack/gateway/lambda-invoker';
import { methodArn } from '@cognito-tenancy/local-stack/gateway/proxy-event';
import { AUTHORIZER_IDENTITY_SOURCES } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { allowResult, gatewayRequest } from './fixtures';

const API = { region: 'local', accountId: '000000000000', apiId: 'localapi', stage: 'local' };

function setup(answers: Array<InvokeOutcome | Error>, ttlSeconds = 300) {
  let clock = 0;
  const calls: unknown[] = [];
  const invoke: Invoke = async (_name, event) => {
    calls.push(event);
    const next = answers.length > 1 ? answers.shift() : answers[0];
    if (next instanceof Error) throw next;
    return next as InvokeOutcome;
  };
  const cache = createAuthorizerCache({ ttlSeconds, now: () => clock });
  const step = createAuthorizerStep({
    functionName: 'authorizer',
    invoke,
    cache,
    identitySources: AUTHORIZER_IDENTITY_SOURCES,
  });
  const run = (overrides = {}) => {
    const request = gatewayRequest(overrides);
    return step({
      request,
      event: { request: request.requestId },
      methodArn: methodArn(API, request.method, request.path),
    });
  };
  return { run, calls, advance: (ms: number) => (clock += ms), cache };
}

const allow = (resource = '*'): InvokeOutcome => ({ kind: 'result', payload: allowResult(resource) });

describe('the REQUEST authorizer step', () => {
  it('answers 401 without invoking the function when the Authorization header is missing', async () => {
    const { run, calls } = setup([allow()]);
    const outcome = await run({ rawHeaders: ['Host', 'acme.localhost'] });
    expect(outcome).toEqual({ kind: 'unauthorized', reason: 'missing-identity' });
    expect(calls).toHaveLength(0);
  });

  it('refuses duplicate Authorization headers before the cache, on a hit and a miss alike (#19.3)', async () => {
    const { run, calls } = setup([allow()]);
    const twice = (first: string, second: string) => ({
      rawHeaders: ['Host', 'acme.localhost', 'Authorization', first, 'authorization', second],
    });
    // Miss: refused without invoking.
    expect(await run(twice('Bearer token-b', 'Bearer token-a'))).toEqual({
      kind: 'unauthorized',
      reason: 'ambiguous-identity',
    });
    expect(calls).toHaveLength(0);
    // Warm the cache for token-a, then send it again beside another token, in both orders.
    expect((await run()).kind).toBe('allow');
    expect(calls).toHaveLength(1);
    for (const [first, second] of [
      ['Bearer token-b', 'Bearer token-a'],
      ['Bearer token-a', 'Bearer token-b'],
      ['Bearer token-a', 'Bearer token-a'],
    ] as const) {
      expect(await run(twice(first, second))).toEqual({ kind: 'unauthorized', reason: 'ambiguous-identity' });
    }
    expect(calls).toHaveLength(1);
  });

  it('maps exactly `Unauthorized` thrown by the function to 401', async () => {
    const { run } = setup([{ kind: 'function-error', errorType: 'Error', errorMessage: 'Unauthorized' }]);
    expect(await run()).toEqual({ kind: 'unauthorized', reason: 'authorizer-unauthorized' });
  });

  it('maps any other function error, a broken endpoint or a malformed answer to 500', async () => {
    for (const answer of [
      { kind: 'function-error', errorType: 'TypeError', errorMessage: 'unauthorized' } as const,
      new Error('connect ECONNREFUSED'),
      { kind: 'result', payload: { policyDocument: {} } } as const,
      { kind: 'result', payload: { ...allowResult(), context: { nested: { a: 1 } } } } as const,
      { kind: 'result', payload: { ...allowResult(), policyDocument: { Statement: [] } } } as const,
    ]) {
      const { run } = setup([answer]);
      expect((await run()).kind).toBe('error');
    }
  });

  it('answers 403 for a Deny policy and says it was explicit', async () => {
    const deny = {
      ...allowResult(),
      policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
    };
    const { run } = setup([{ kind: 'result', payload: deny }]);
    expect(await run()).toEqual({ kind: 'forbidden', explicit: true, cached: false });
  });

  it('serves a second call with the same token and host from the cache', async () => {
    const { run, calls } = setup([allow()]);
    expect((await run()).kind).toBe('allow');
    const second = await run({ path: '/other' });
    expect(second).toMatchObject({ kind: 'allow', cached: true });
    expect(calls).toHaveLength(1);
  });

  it('keys the cache per tenant host as well as per token', async () => {
    const { run, calls } = setup([allow()]);
    await run();
    await run({ domainName: 'globex.localhost' });
    await run({ rawHeaders: ['Authorization', 'Bearer token-b'] });
    expect(calls).toHaveLength(3);
  });

  it('invokes again once the TTL has passed', async () => {
    const { run, calls, advance } = setup([allow()], 60);
    await run();
    advance(59_999);
    await run();
    advance(1);
    await run();
    expect(calls).toHaveLength(2);
  });

  it('never caches with a TTL of 0', async () => {
    const { run, calls } = setup([allow()], 0);
    await run();
    await run();
    expect(calls).toHaveLength(2);
  });

  it('checks a cached policy against the new method ARN (a narrow Allow denies other paths)', async () => {
    const { run, calls } = setup([allow(methodArn(API, 'GET', '/items'))]);
    expect((await run()).kind).toBe('allow');
    expect(await run({ method: 'POST' })).toEqual({ kind: 'forbidden', explicit: false, cached: true });
    expect(calls).toHaveLength(1);
  });

  it('does not cache a 401 or an error', async () => {
    const { run, calls } = setup([
      { kind: 'function-error', errorType: 'Error', errorMessage: 'Unauthorized' },
      allow(),
    ]);
    expect((await run()).kind).toBe('unauthorized');
    expect((await run()).kind).toBe('allow');
    expect(calls).toHaveLength(2);
  });

  it('refuses identity sources it cannot read at creation', () => {
    const cache = createAuthorizerCache({ ttlSeconds: 0 });
    const invoke: Invoke = async () => ({ kind: 'result', payload: null });
    expect(() =>
      createAuthorizerStep({ functionName: 'a', invoke, cache, identitySources: ['method.request.path.id'] }),
    ).toThrow(/not supported/);
  });
});
