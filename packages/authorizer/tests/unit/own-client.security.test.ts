/**
 * A shared tenant's own app client (issue #21): a shared-pool token whose client the issuer
 * record does not list is accepted only when a client record binds that client, in that
 * pool, to the tenant and IdP the token resolves to. Everything else is `client-not-allowed`
 * (401); a damaged record or a failing store is `registry-unavailable` (401, fail closed).
 */
import { clientParameterName, providerParameterName } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { expectUnauthorized } from '../support/attack';
import {
  ACME_POOL,
  accessClaims,
  bearerEvent,
  decide,
  idClaims,
  issuerRecord,
  OWN_CLIENTS,
  ownClientRecord,
  PREFIX,
  SHARED_POOL,
  tokenOf,
  type World,
  world,
} from '../support/world';

const GLOBEX_HOST = 'globex.app.example.com';
const INITECH_HOST = 'initech.app.example.com';
const OTHER_SHARED_POOL = 'eu-west-1_SharedPool2';
/** An initech user as Cognito names them: username prefix and group of the initech IdP. */
const INITECH_USER = { username: 'initech_carol@initech.com', 'cognito:groups': [`${SHARED_POOL}_initech`] };

/** A shared-pool access token for app client `clientId` (a globex user unless `overrides` say otherwise). */
const sharedToken = (clientId: string, overrides: Record<string, unknown> = {}) =>
  tokenOf(SHARED_POOL, accessClaims(SHARED_POOL, { client_id: clientId, ...overrides }));

/** Reads of client records so far. */
const clientReads = (w: World) => w.store.calls.filter((call) => call.includes('/clients/'));

async function expectAllowed(w: World, token: string, host: string, tenantId: string): Promise<void> {
  const decided = await decide(w.handler, bearerEvent(token, host));
  expect(decided.kind).toBe('allow');
  if (decided.kind === 'allow') expect(decided.result.context?.tenantId).toBe(tenantId);
}

describe("a shared tenant's own app client", () => {
  it('is accepted for its tenant, its record read with the provider record in one call', async () => {
    const w = world();

    await expectAllowed(w, sharedToken(OWN_CLIENTS.globex), GLOBEX_HOST, 'globex');

    expect(clientReads(w)).toEqual([
      `${providerParameterName(PREFIX, SHARED_POOL, 'globex')},${clientParameterName(PREFIX, SHARED_POOL, OWN_CLIENTS.globex)}`,
    ]);
  });

  it('costs no read once its records are cached, for a seen token or a fresh one', async () => {
    const w = world();
    const token = sharedToken(OWN_CLIENTS.globex);
    await expectAllowed(w, token, GLOBEX_HOST, 'globex');
    const calls = w.store.calls.length;

    await expectAllowed(w, token, GLOBEX_HOST, 'globex');
    await expectAllowed(w, sharedToken(OWN_CLIENTS.globex, { jti: 'another-token' }), GLOBEX_HOST, 'globex');

    expect(w.store.calls.length).toBe(calls);
  });

  it('is accepted in an ID token (aud)', async () => {
    const w = world({ env: { ACCEPTED_TOKEN_USE: 'id' } });
    const token = tokenOf(SHARED_POOL, idClaims(SHARED_POOL, { aud: OWN_CLIENTS.globex }));

    await expectAllowed(w, token, GLOBEX_HOST, 'globex');
  });

  it('is accepted in a shard that has no common client, where the old client is then refused', async () => {
    const w = world();
    w.store.putIssuer({ ...issuerRecord(SHARED_POOL), clientIds: [] });

    await expectAllowed(w, sharedToken(OWN_CLIENTS.initech, INITECH_USER), INITECH_HOST, 'initech');
    await expectUnauthorized(w, bearerEvent(sharedToken('sharedweb1'), GLOBEX_HOST), 'client-not-allowed');
  });
});

describe("the pool's common client (the single shared client of before)", () => {
  it('is still accepted, without reading any client record', async () => {
    const w = world();

    await expectAllowed(w, sharedToken('sharedweb1'), GLOBEX_HOST, 'globex');
    await expectAllowed(w, sharedToken('sharedweb1', INITECH_USER), INITECH_HOST, 'initech');

    expect(clientReads(w)).toEqual([]);
  });
});

describe('clients that are not bound to the token', () => {
  it("refuses tenant A's own client used with tenant B's IdP", async () => {
    const token = sharedToken(OWN_CLIENTS.globex, INITECH_USER);

    await expectUnauthorized(world(), bearerEvent(token, INITECH_HOST), 'client-not-allowed');
  });

  it('refuses a client that has no client record', async () => {
    await expectUnauthorized(
      world(),
      bearerEvent(sharedToken('strangerweb7'), GLOBEX_HOST),
      'client-not-allowed',
    );
  });

  it('refuses a client whose record is filed under another pool only', async () => {
    const w = world();
    w.store.putClient({
      ...ownClientRecord('globex'),
      clientId: 'elsewhere1',
      userPoolId: OTHER_SHARED_POOL,
    });

    await expectUnauthorized(w, bearerEvent(sharedToken('elsewhere1'), GLOBEX_HOST), 'client-not-allowed');
  });

  it.each([
    ['names another IdP of the tenant', { providerName: 'globex-legacy' }],
    ["names the token's IdP but another tenant", { tenantId: 'initech' }],
  ])('refuses a client whose record %s', async (_, change) => {
    const w = world();
    w.store.putClient({ ...ownClientRecord('globex'), ...change });

    await expectUnauthorized(
      w,
      bearerEvent(sharedToken(OWN_CLIENTS.globex), GLOBEX_HOST),
      'client-not-allowed',
    );
  });

  it.each([
    ['a path', 'globexown1/../x'],
    ['a key separator', 'globexown1#x'],
    ['a dash', 'globex-own1'],
    ['over 128 characters', 'c'.repeat(129)],
  ])('refuses a client id with %s without reading a client record', async (_, clientId) => {
    const w = world();

    await expectUnauthorized(w, bearerEvent(sharedToken(clientId), GLOBEX_HOST), 'client-not-allowed');

    expect(clientReads(w)).toEqual([]);
  });

  it('never looks for client records of a dedicated pool: its issuer record alone lists its clients', async () => {
    const w = world();
    w.store.putClient({
      clientId: 'acmeinternal9',
      userPoolId: ACME_POOL,
      tenantId: 'acme',
      providerName: 'acme',
    });
    const token = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { client_id: 'acmeinternal9' }));

    await expectUnauthorized(w, bearerEvent(token), 'client-not-allowed');

    expect(clientReads(w)).toEqual([]);
  });
});

describe('client records that cannot be trusted (fail closed)', () => {
  const name = clientParameterName(PREFIX, SHARED_POOL, OWN_CLIENTS.globex);
  const record = ownClientRecord('globex');

  it.each([
    ['not JSON', '{"clientId":'],
    ['a record without a tenant', JSON.stringify({ ...record, tenantId: undefined })],
    ['an oversized record', JSON.stringify({ ...record, tenantId: 'g'.repeat(5000) })],
    ['a record naming another pool', JSON.stringify({ ...record, userPoolId: OTHER_SHARED_POOL })],
    ['a record naming another client', JSON.stringify({ ...record, clientId: OWN_CLIENTS.initech })],
  ])('treats %s as a store failure', async (_, raw) => {
    const w = world();
    w.store.putRaw(name, raw);

    await expectUnauthorized(
      w,
      bearerEvent(sharedToken(OWN_CLIENTS.globex), GLOBEX_HOST),
      'registry-unavailable',
    );
  });

  it('denies when the store fails while the client record is read', async () => {
    const w = world();
    // Issuer, keys, host and provider record cached by a token of the common client.
    await expectAllowed(w, sharedToken('sharedweb1'), GLOBEX_HOST, 'globex');
    w.store.failWith = new Error('ThrottlingException');

    await expectUnauthorized(
      w,
      bearerEvent(sharedToken(OWN_CLIENTS.globex), GLOBEX_HOST),
      'registry-unavailable',
    );
    expect(clientReads(w)).toEqual([name]);
  });
});
