/**
 * ALLOWED_UNREGISTERED_HOSTS from the attacker's side: behind CloudFront (infra's `hosting`)
 * the only unregistered host a token may be used on is a listed shared host (the shared
 * tenants' email discovery host), and only with a shared-pool token. The distribution's own
 * `d<id>.cloudfront.net` name, another tenant's host and any other name stay refused.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config';
import {
  ACME_POOL,
  bearer,
  decide,
  idClaims,
  PREFIX,
  requestEvent,
  SHARED_POOL,
  tokenOf,
  world,
} from '../support/world';

const EXECUTE_API = 'abc123.execute-api.eu-west-1.amazonaws.com';
const SHARED_HOST = 'app.example.com';
const DISTRIBUTION = 'd1a2b3c4d5e6f7.cloudfront.net';
const env = {
  TRUSTED_HOST_HEADER: 'x-forwarded-host',
  ALLOWED_UNREGISTERED_HOSTS: `${SHARED_HOST}, other-shared.example.com`,
};

/** A REQUEST event as API Gateway builds it behind CloudFront, the viewer host forwarded. */
function forwarded(authorization: string, host: string, multi?: Record<string, unknown>) {
  return requestEvent(authorization, EXECUTE_API, {
    headers: { Authorization: authorization, Host: EXECUTE_API, 'x-forwarded-host': host },
    ...(multi === undefined ? {} : { multiValueHeaders: multi }),
  });
}

const acme = () => bearer(tokenOf(ACME_POOL));
const globex = () => bearer(tokenOf(SHARED_POOL));

describe('ALLOWED_UNREGISTERED_HOSTS: the only unregistered hosts a token may be used on', () => {
  it('allows a shared-pool token on a listed shared host', async () => {
    const w = world({ env });
    const decided = await decide(w.handler, forwarded(globex(), SHARED_HOST));
    expect(decided.kind).toBe('allow');
  });

  it('normalises the forwarded host before comparing (case, port, trailing dot)', async () => {
    const w = world({ env });
    expect((await decide(w.handler, forwarded(globex(), 'APP.Example.com.'))).kind).toBe('allow');
  });

  it.each<[string, string, string]>([
    ['the distribution’s own cloudfront.net name', DISTRIBUTION, 'host-not-registered'],
    ['an unlisted host', 'evil.example.net', 'host-not-registered'],
    ['a name under the listed host', `x.${SHARED_HOST}`, 'host-not-registered'],
    ['another tenant’s registered host', 'umbrella.app.example.com', 'host-tenant-mismatch'],
    ['a listed shared host (dedicated tenants use their own host)', SHARED_HOST, 'host-shared-only'],
  ])('denies a dedicated tenant’s token on %s (403)', async (_, host, reason) => {
    const w = world({ env });
    expect((await decide(w.handler, forwarded(acme(), host))).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe(reason);
  });

  it.each<[string, string]>([
    ['the distribution’s own cloudfront.net name', DISTRIBUTION],
    ['an unlisted host', 'evil.example.net'],
  ])('denies a shared-pool token on %s (403)', async (_, host) => {
    const w = world({ env });
    expect((await decide(w.handler, forwarded(globex(), host))).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-not-registered');
  });

  it('denies a dedicated pool’s ID token on the shared host whatever its claims (the pool decides)', async () => {
    const w = world({ env: { ...env, ACCEPTED_TOKEN_USE: 'access,id' } });
    // An acme ID token dressed with shared-pool style claims is still acme's pool.
    const token = bearer(tokenOf(ACME_POOL, idClaims(ACME_POOL, { 'custom:tenantName': 'acme' })));
    expect((await decide(w.handler, forwarded(token, SHARED_HOST))).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-shared-only');
  });

  it('does not reuse an allowed decision of the token’s own host on the shared host', async () => {
    const w = world({ env });
    const token = acme();
    expect((await decide(w.handler, forwarded(token, 'acme.app.example.com'))).kind).toBe('allow');
    expect((await decide(w.handler, forwarded(token, SHARED_HOST))).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-shared-only');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a forged X-Forwarded-Host repeated', { 'x-forwarded-host': [SHARED_HOST, 'acme.app.example.com'] }],
    ['the shared host twice', { 'x-forwarded-host': [SHARED_HOST, SHARED_HOST] }],
  ])('answers Unauthorized for %s, before reading the registry', async (_, multi) => {
    const w = world({ env });
    const decided = await decide(w.handler, forwarded(acme(), SHARED_HOST, multi));
    expect(decided.kind).toBe('unauthorized');
    expect(w.store.recordCalls).toEqual([]);
  });

  it('answers Unauthorized for a forged list naming the shared host', async () => {
    const w = world({ env });
    const decided = await decide(w.handler, forwarded(acme(), `${SHARED_HOST}, acme.app.example.com`));
    expect(decided.kind).toBe('unauthorized');
  });
});

describe('without ALLOWED_UNREGISTERED_HOSTS (empty list)', () => {
  it('refuses every unregistered host, shared-pool tokens included', async () => {
    const w = world({ env: { TRUSTED_HOST_HEADER: 'x-forwarded-host' } });
    expect((await decide(w.handler, forwarded(globex(), SHARED_HOST))).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-not-registered');
  });

  it('still allows a token on its own registered host', async () => {
    const w = world({ env: { TRUSTED_HOST_HEADER: 'x-forwarded-host' } });
    expect((await decide(w.handler, forwarded(acme(), 'acme.app.example.com'))).kind).toBe('allow');
  });
});

describe('ALLOWED_UNREGISTERED_HOSTS configuration', () => {
  it('reads a comma-separated list, normalised and without duplicates', () => {
    const config = loadConfig({
      REGISTRY_PREFIX: PREFIX,
      ALLOWED_UNREGISTERED_HOSTS: ' App.Example.com ,app.example.com,d1.cloudfront.net',
    });
    expect(config.allowedUnregisteredHosts).toEqual(['app.example.com', 'd1.cloudfront.net']);
    expect(config.allowUnregisteredHosts).toBe(false);
  });

  it('defaults to an empty list', () => {
    expect(loadConfig({ REGISTRY_PREFIX: PREFIX }).allowedUnregisteredHosts).toEqual([]);
  });

  it.each(['https://app.example.com', 'app.example.com/path', 'app.example.com,,x.example.com', 'a b'])(
    'refuses %j, naming the variable',
    (value) => {
      expect(() => loadConfig({ REGISTRY_PREFIX: PREFIX, ALLOWED_UNREGISTERED_HOSTS: value })).toThrow(
        /ALLOWED_UNREGISTERED_HOSTS must list 1 to 20 host names/,
      );
    },
  );

  it('refuses more than 20 hosts', () => {
    const hosts = Array.from({ length: 21 }, (_, i) => `h${i}.example.com`).join(',');
    expect(() => loadConfig({ REGISTRY_PREFIX: PREFIX, ALLOWED_UNREGISTERED_HOSTS: hosts })).toThrow(
      ConfigError,
    );
  });

  it('refuses the list together with ALLOW_UNREGISTERED_HOSTS=true (any host would widen it)', () => {
    expect(() =>
      loadConfig({
        REGISTRY_PREFIX: PREFIX,
        ALLOW_UNREGISTERED_HOSTS: 'true',
        ALLOWED_UNREGISTERED_HOSTS: SHARED_HOST,
      }),
    ).toThrow(/exclusive: keep the list and remove ALLOW_UNREGISTERED_HOSTS/);
  });
});
