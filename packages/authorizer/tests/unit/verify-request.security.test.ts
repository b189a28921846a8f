/**
 * Attacks on tenancy: foreign issuers and pools, tokens of one tenant used on another
 * tenant's host, and shared-pool users claiming another tenant.
 */

import { issuerParameterName } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { jwksUri } from '../../src/issuer';
import { expectRejectedBeforeIo, expectUnauthorized } from '../support/attack';
import { sign } from '../support/tokens';
import {
  ACME_POOL,
  accessClaims,
  bearer,
  bearerEvent,
  decide,
  idClaims,
  issuerOf,
  keyOf,
  PREFIX,
  ROGUE_POOL,
  SHARED_POOL,
  tokenEvent,
  tokenOf,
  UMBRELLA_POOL,
  world,
} from '../support/world';

const canonical = issuerOf(ACME_POOL);

describe('issuer look-alikes (signed with the real pool key, so only iss is wrong)', () => {
  it.each([
    ['a trailing slash', `${canonical}/`],
    ['http', canonical.replace('https:', 'http:')],
    ['an upper-case host', canonical.replace('cognito-idp', 'Cognito-Idp')],
    ['an upper-case pool id', canonical.replace(ACME_POOL, ACME_POOL.toUpperCase())],
    ['another region', canonical.replace('.eu-west-1.', '.us-east-1.')],
    ['a suffix domain', canonical.replace('amazonaws.com', 'amazonaws.com.evil.example')],
    ['a look-alike domain', canonical.replace('amazonaws.com', 'amazonaws.co')],
    ['the global issuer form', canonical.replace('https://cognito-idp', 'https://issuer-cognito-idp')],
    ['an explicit port', canonical.replace('.com/', '.com:443/')],
    ['userinfo', canonical.replace('https://', 'https://attacker@')],
    ['a path prefix', canonical.replace('.com/', '.com/x/')],
    ['a query', `${canonical}?`],
    ['a local issuer (not configured)', `http://127.0.0.1:9229/${ACME_POOL}`],
  ])('rejects %s before any I/O', async (_, iss) => {
    const w = world();
    await expectRejectedBeforeIo(w, bearerEvent(sign(accessClaims(ACME_POOL, { iss }), keyOf(ACME_POOL))));
    expect(w.logger.lastReason()).toBe('issuer-not-trusted');
  });
});

describe('pools that are not the tenant', () => {
  it('never fetches the key set of an unregistered pool, and remembers it is unregistered', async () => {
    const w = world();
    const rogue = tokenOf(ROGUE_POOL);

    for (let i = 0; i < 10; i++) await expectUnauthorized(w, bearerEvent(rogue), 'issuer-not-trusted');

    expect(w.fetcher.count(jwksUri(issuerOf(ROGUE_POOL)))).toBe(0);
    expect(w.fetcher.requests).toEqual([]);
    expect(w.store.recordCalls).toEqual([issuerParameterName(PREFIX, ROGUE_POOL)]);
  });

  it('lets registered pools that are not cached yet through while forged pools drain the budget', async () => {
    // The issuer index (written by infra) lists the registered pools: only other pools are metered.
    const w = world({ env: { REGISTRY_ISSUER_LOOKUPS_PER_SECOND: '1' }, issuerIndex: true });
    const claims = accessClaims(ACME_POOL);
    for (let i = 0; i < 50; i++) {
      const pool = `eu-west-1_Forged${String(i).padStart(4, '0')}`;
      const forged = sign(
        { ...claims, iss: `https://cognito-idp.eu-west-1.amazonaws.com/${pool}` },
        keyOf(ACME_POOL),
      );
      await expectUnauthorized(w, bearerEvent(forged));
    }
    const forgedReads = w.store.recordCalls.filter((c) => c.includes('Forged'));
    expect(forgedReads.length).toBeLessThanOrEqual(2);
    expect(w.fetcher.requests).toEqual([]);

    // Neither pool was ever cached: both load now, unmetered, and are allowed.
    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('allow');
    expect(
      (await decide(w.handler, bearerEvent(tokenOf(UMBRELLA_POOL), 'umbrella.app.example.com'))).kind,
    ).toBe('allow');
  });

  it('bounds Parameter Store reads when forged tokens name a fresh random pool each time', async () => {
    // Unpinned pools: each unknown pool id would cost one SSM read before any signature
    // check, and SSM's GetParameter quota is shared by the whole account.
    const w = world({ env: { REGISTRY_ISSUER_LOOKUPS_PER_SECOND: '5' } });
    const claims = accessClaims(ACME_POOL);
    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('allow');
    const before = w.store.calls.length;

    for (let i = 0; i < 100; i++) {
      const pool = `eu-west-1_Forged${String(i).padStart(4, '0')}`;
      const forged = sign(
        { ...claims, iss: `https://cognito-idp.eu-west-1.amazonaws.com/${pool}` },
        keyOf(ACME_POOL),
      );
      await expectUnauthorized(w, bearerEvent(forged));
    }

    // What was left of the burst (twice the rate), and nothing more within the same instant.
    expect(w.store.calls.length - before).toBeLessThanOrEqual(10);
    expect(w.store.calls.length - before).toBeGreaterThan(0);
    // A registered pool that is cached still passes meanwhile (one not yet cached would get
    // 401 until the bucket refills: pin pools with TRUSTED_USER_POOL_IDS to avoid that).
    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('allow');
  });

  it("answers a token of another tenant's pool on this tenant's host with 403", async () => {
    const w = world();

    const decided = await decide(w.handler, bearerEvent(tokenOf(UMBRELLA_POOL), 'acme.app.example.com'));

    expect(decided.kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-tenant-mismatch');
  });

  it("answers a shared-pool user of one tenant on another shared tenant's host with 403", async () => {
    const w = world();
    expect((await decide(w.handler, bearerEvent(tokenOf(SHARED_POOL), 'initech.app.example.com'))).kind).toBe(
      'deny',
    );
    expect((await decide(w.handler, bearerEvent(tokenOf(SHARED_POOL), 'acme.app.example.com'))).kind).toBe(
      'deny',
    );
  });

  it('binds the host through the request domain, not a forged Host header', async () => {
    const w = world();
    const forged = {
      ...bearerEvent(tokenOf(UMBRELLA_POOL), 'acme.app.example.com'),
      headers: { Authorization: bearer(tokenOf(UMBRELLA_POOL)), Host: 'umbrella.app.example.com' },
    };

    expect((await decide(w.handler, forged)).kind).toBe('deny');
  });

  it('denies a TOKEN event (no host) by default, so a token cannot dodge the host binding', async () => {
    expect((await decide(world().handler, tokenEvent(bearer(tokenOf(UMBRELLA_POOL))))).kind).toBe('deny');
  });

  it('refuses a token whose pool was removed from the registry once the cached record expires', async () => {
    let now = Date.now();
    const w = world({ now: () => now, env: { VERIFIED_TOKEN_TTL_SECONDS: '0' } });
    const token = tokenOf(ACME_POOL);
    expect((await decide(w.handler, bearerEvent(token))).kind).toBe('allow');

    w.store.values.delete(issuerParameterName(PREFIX, ACME_POOL));
    now += 300_000;

    await expectUnauthorized(w, bearerEvent(token), 'issuer-not-trusted');
  });
});

describe('shared-pool users claiming another tenant', () => {
  const shared = (overrides: Record<string, unknown>) =>
    tokenOf(SHARED_POOL, accessClaims(SHARED_POOL, overrides));
  const sharedId = (overrides: Record<string, unknown>) =>
    tokenOf(SHARED_POOL, idClaims(SHARED_POOL, overrides));

  it.each([
    ['a username prefix of another IdP than its group', { username: 'initech_bob@globex.com' }],
    ['two IdP groups', { 'cognito:groups': [`${SHARED_POOL}_globex`, `${SHARED_POOL}_initech`] }],
    ['custom:tenantName of another tenant', { 'custom:tenantName': 'initech' }],
  ])('rejects an access token with %s', async (_, overrides) => {
    await expectUnauthorized(
      world(),
      bearerEvent(shared(overrides), 'globex.app.example.com'),
      'tenant-claim-mismatch',
    );
  });

  it('rejects an ID token whose identities name another IdP', async () => {
    const w = world({ env: { ACCEPTED_TOKEN_USE: 'id' } });
    const token = sharedId({ identities: [{ providerName: 'initech', providerType: 'SAML' }] });

    await expectUnauthorized(w, bearerEvent(token, 'globex.app.example.com'), 'tenant-claim-mismatch');
  });

  it('accepts a consistent shared-pool ID token', async () => {
    const w = world({ env: { ACCEPTED_TOKEN_USE: 'id' } });
    const decided = await decide(w.handler, bearerEvent(sharedId({}), 'globex.app.example.com'));

    expect(decided.kind).toBe('allow');
    if (decided.kind === 'allow') expect(decided.result.context?.tenantId).toBe('globex');
  });

  it.each([
    ['a native user (no IdP)', { username: 'bob', 'cognito:groups': ['Admins'] }],
    ['an IdP that is not registered', { username: 'hooli_bob', 'cognito:groups': [`${SHARED_POOL}_hooli`] }],
    ['an email-domain-only claim', { username: 'bob', 'cognito:groups': [], email: 'bob@globex.com' }],
  ])('rejects a shared-pool token of %s', async (_, overrides) => {
    await expectUnauthorized(
      world(),
      bearerEvent(shared(overrides), 'globex.app.example.com'),
      'tenant-unresolved',
    );
  });

  it('never takes the tenant from a claim the user can write', async () => {
    const w = world({ env: { ALLOW_UNREGISTERED_HOSTS: 'true' } });
    const token = shared({
      'custom:tenantId': 'initech',
      tenantId: 'initech',
      'custom:domainName': 'initech.com',
    });

    const decided = await decide(w.handler, bearerEvent(token, 'abc123.execute-api.eu-west-1.amazonaws.com'));

    if (decided.kind !== 'allow') throw new Error('expected allow');
    expect(decided.result.context?.tenantId).toBe('globex');
  });
});
