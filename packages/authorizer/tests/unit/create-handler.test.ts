import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { createHandler } from '../../src/create-handler';
import { MalformedTokenError } from '../../src/errors';
import { RecordingLogger } from '../support/logger';
import {
  ACME_POOL,
  accessClaims,
  bearer,
  bearerEvent,
  decide,
  METHOD_ARN,
  requestEvent,
  SHARED_POOL,
  STAGE_ARN,
  tokenEvent,
  tokenOf,
  UMBRELLA_POOL,
  world,
} from '../support/world';

/** A handler whose authorizer throws `error`, and the logger it writes to. */
function failingWith(error: Error) {
  const logger = new RecordingLogger();
  const authorizer = {
    authorize: async () => {
      throw error;
    },
  };
  return { handler: createHandler({ authorizer, logger, policyScope: 'stage', deadlineMs: 1000 }), logger };
}

describe('createHandler', () => {
  it('allows a dedicated tenant access token on its own host, stage-wide, with the tenant context', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);

    const decided = await decide(w.handler, bearerEvent(token));

    expect(decided.kind).toBe('allow');
    if (decided.kind !== 'allow') return;
    expect(decided.result.principalId).toBe('6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a');
    expect(decided.result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: STAGE_ARN },
    ]);
    expect(decided.result.context).toEqual({
      tenantId: 'acme',
      sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a',
      username: 'alice',
      groups: JSON.stringify(['Admins', 'CN=Ops,OU=X']),
      tokenUse: 'access',
      clientId: 'acmeweb1',
    });
  });

  it('fills exactly the context keys of the registry contract, all strings', async () => {
    const w = world();

    const decided = await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)));

    if (decided.kind !== 'allow') throw new Error('expected allow');
    const context = decided.result.context ?? {};
    expect(Object.keys(context).sort()).toEqual(Object.keys(TENANT_CONTEXT).sort());
    for (const value of Object.values(context)) expect(typeof value).toBe('string');
  });

  it('binds a shared-pool user to the tenant of their identity provider', async () => {
    const w = world();

    const decided = await decide(w.handler, bearerEvent(tokenOf(SHARED_POOL), 'globex.app.example.com'));

    expect(decided.kind).toBe('allow');
    if (decided.kind === 'allow') expect(decided.result.context?.tenantId).toBe('globex');
  });

  it('scopes the Allow to the called method when POLICY_SCOPE is method', async () => {
    const w = world({ env: { POLICY_SCOPE: 'method' } });

    const decided = await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)));

    if (decided.kind !== 'allow') throw new Error('expected allow');
    expect(decided.result.policyDocument.Statement[0]).toMatchObject({ Resource: METHOD_ARN });
  });

  it('answers a token of another tenant on a tenant host with a stage-wide Deny (403)', async () => {
    const w = world();

    const decided = await decide(w.handler, bearerEvent(tokenOf(UMBRELLA_POOL)));

    expect(decided.kind).toBe('deny');
    if (decided.kind !== 'deny') return;
    expect(decided.result.principalId).toBe('6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a');
    expect(decided.result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: STAGE_ARN });
    expect(decided.result.context).toBeUndefined();
    expect(w.logger.lines.at(-1)).toMatchObject({
      level: 'warn',
      fields: { reason: 'host-tenant-mismatch', outcome: 'forbidden', tenantId: 'umbrella' },
    });
  });

  it('denies a valid token on an unregistered host unless unregistered hosts are allowed', async () => {
    const token = bearer(tokenOf(ACME_POOL));
    const strict = world();
    const open = world({ env: { ALLOW_UNREGISTERED_HOSTS: 'true' } });
    const host = 'abc123.execute-api.eu-west-1.amazonaws.com';

    expect((await decide(strict.handler, requestEvent(token, host))).kind).toBe('deny');
    expect(strict.logger.lastReason()).toBe('host-not-registered');
    expect((await decide(open.handler, requestEvent(token, host))).kind).toBe('allow');
  });

  it('accepts TOKEN events only where unregistered hosts are allowed (single-host setups)', async () => {
    const token = bearer(tokenOf(ACME_POOL));

    expect((await decide(world().handler, tokenEvent(token))).kind).toBe('deny');
    const open = world({ env: { ALLOW_UNREGISTERED_HOSTS: 'true' } });
    expect((await decide(open.handler, tokenEvent(token))).kind).toBe('allow');
  });

  it('throws exactly Unauthorized for a request without a token and logs the reason', async () => {
    const w = world();

    expect((await decide(w.handler, requestEvent(undefined))).kind).toBe('unauthorized');
    expect(w.logger.lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'unauthorized',
      fields: { reason: 'token-missing', outcome: 'unauthorized' },
    });
  });

  it('logs each decision with tenant, pool, latency and cache source, never the token', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);

    await decide(w.handler, bearerEvent(token));
    await decide(w.handler, bearerEvent(token));

    expect(w.logger.lines.map((l) => l.fields.cache)).toEqual(['miss', 'hit']);
    // The first verification is logged at INFO; repeats from the verified-token cache at DEBUG.
    expect(w.logger.lines.map((l) => l.level)).toEqual(['info', 'debug']);
    expect(w.logger.lines[0]?.fields).toMatchObject({
      reason: 'allowed',
      tenantId: 'acme',
      userPoolId: ACME_POOL,
      clientId: 'acmeweb1',
    });
    expect(typeof w.logger.lines[0]?.fields.latencyMs).toBe('number');
    const logged = w.logger.text();
    for (const part of token.split('.')) expect(logged).not.toContain(part);
  });

  it('denies within the deadline when the registry is slow and nothing is cached', async () => {
    const w = world({ env: { DEADLINE_MS: '100' } });
    w.store.delayMs = 2000;
    const started = Date.now();

    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('unauthorized');

    expect(Date.now() - started).toBeLessThan(1500);
    expect(w.logger.lines.at(-1)).toMatchObject({ level: 'error', fields: { reason: 'deadline-exceeded' } });
  });

  it('maps an unexpected error to Unauthorized and logs only its name', async () => {
    const { handler, logger } = failingWith(new TypeError('secret detail eyJhbGciOi'));

    expect((await decide(handler, requestEvent('Bearer a.b.c'))).kind).toBe('unauthorized');
    expect(logger.lines.at(-1)).toMatchObject({
      level: 'error',
      fields: { reason: 'internal-error', errorName: 'TypeError' },
    });
    expect(logger.text()).not.toContain('secret detail');
  });

  it('keeps its answer when the logger itself throws', async () => {
    const throwing = {
      info: () => {
        throw new Error('log sink down');
      },
      warn: () => {
        throw new Error('log sink down');
      },
      error: () => {
        throw new Error('log sink down');
      },
    };
    const w = world();
    const handler = createHandler({
      authorizer: w.parts.requests,
      logger: throwing,
      policyScope: 'stage',
      deadlineMs: 1000,
    });

    expect((await decide(handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('allow');
    expect((await decide(handler, requestEvent('Bearer nope'))).kind).toBe('unauthorized');
  });

  it('answers 401 when a forbidden request carries a methodArn no policy can be scoped to', async () => {
    const w = world();
    const event = { ...bearerEvent(tokenOf(UMBRELLA_POOL)), methodArn: 'not-an-arn' };

    expect((await decide(w.handler, event)).kind).toBe('unauthorized');
    expect(w.logger.lastReason()).toBe('host-tenant-mismatch');
  });

  it('answers 401 for an allowed request with a malformed methodArn', async () => {
    const w = world();
    const event = { ...bearerEvent(tokenOf(ACME_POOL)), methodArn: 'arn:aws:execute-api:x' };

    expect((await decide(w.handler, event)).kind).toBe('unauthorized');
    expect(w.logger.lastReason()).toBe('event-invalid');
  });

  it('passes typed errors of the core through the single mapping', async () => {
    const { handler, logger } = failingWith(new MalformedTokenError('x'));

    expect((await decide(handler, requestEvent('Bearer a.b.c'))).kind).toBe('unauthorized');
    expect(logger.lines.at(-1)?.fields.reason).toBe('token-malformed');
  });

  it('uses the default claims of the test world (sanity check of the fixtures)', () => {
    expect(accessClaims(ACME_POOL).token_use).toBe('access');
  });
});

describe('the handler edge (middy)', () => {
  it('logs the Lambda request id on allowed and refused decisions', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);

    await w.handler(bearerEvent(token), { awsRequestId: '7d3c0a1e-0000-4000-8000-0000000000a1' });
    await w
      .handler(requestEvent('Bearer not-a-token'), { awsRequestId: '7d3c0a1e-0000-4000-8000-0000000000a2' })
      .catch(() => undefined);

    expect(w.logger.lines.map((l) => [l.fields.reason, l.fields.requestId])).toEqual([
      ['allowed', '7d3c0a1e-0000-4000-8000-0000000000a1'],
      ['token-malformed', '7d3c0a1e-0000-4000-8000-0000000000a2'],
    ]);
  });

  it('is a middy handler a team can extend with .use(), still throwing only Unauthorized', async () => {
    const w = world();
    const seen: string[] = [];
    w.handler.use({
      before: () => {
        seen.push('before');
      },
    });

    await expect(w.handler(requestEvent('Bearer not-a-token'))).rejects.toThrow(/^Unauthorized$/);
    expect(seen).toEqual(['before']);
  });
});
