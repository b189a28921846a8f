import { describe, expect, it } from '@jest/globals';
import type { CognitoClaims } from '../../src/claims';
import { RegistryUnavailableError, TenantClaimMismatchError, UnresolvedTenantError } from '../../src/errors';
import { RegistryReader } from '../../src/registry-reader';
import { resolveTenant } from '../../src/resolve-tenant';
import { FakeParameterStore } from '../support/store';
import { ACME_POOL, issuerRecord, PREFIX, SHARED_POOL } from '../support/world';

const store = new FakeParameterStore(PREFIX)
  .putProvider({ tenantId: 'globex', userPoolId: SHARED_POOL, providerName: 'globex' })
  .putProvider({ tenantId: 'initech', userPoolId: SHARED_POOL, providerName: 'initech' })
  .putProvider({ tenantId: 'umbrella', userPoolId: SHARED_POOL, providerName: 'UmbrellaEntra' });
const registry = new RegistryReader(store, {
  prefix: PREFIX,
  ttlMs: 1000,
  negativeTtlMs: 1000,
  staleIfErrorMs: 0,
  loadTimeoutMs: 1000,
});
const shared = issuerRecord(SHARED_POOL);

function claims(overrides: Partial<CognitoClaims>): CognitoClaims {
  return {
    sub: 's',
    username: 'globex_bob@globex.com',
    tokenUse: 'access',
    clientId: 'sharedweb1',
    commonClient: true,
    groups: [`${SHARED_POOL}_globex`],
    exp: 2,
    iat: 1,
    tenantName: undefined,
    identityProviders: undefined,
    ...overrides,
  };
}

describe('resolveTenant', () => {
  it("gives a dedicated pool's tokens the pool's tenant", async () => {
    expect(
      await resolveTenant(issuerRecord(ACME_POOL), claims({ username: 'x_y', groups: [] }), registry),
    ).toBe('acme');
  });

  it('refuses a dedicated-pool token whose custom:tenantName names another tenant', async () => {
    await expect(async () =>
      resolveTenant(issuerRecord(ACME_POOL), claims({ tenantName: 'globex' }), registry),
    ).rejects.toThrow(TenantClaimMismatchError);
  });

  it('binds a shared-pool user through the IdP group and the username prefix', async () => {
    expect(await resolveTenant(shared, claims({}), registry)).toBe('globex');
  });

  it('binds through the group alone (username without an IdP prefix)', async () => {
    expect(await resolveTenant(shared, claims({ username: 'bob' }), registry)).toBe('globex');
  });

  it('binds through the username prefix alone (groups overridden by the trigger)', async () => {
    expect(await resolveTenant(shared, claims({ groups: ['Admins'] }), registry)).toBe('globex');
  });

  it('accepts a lower-cased username prefix (case-insensitive pools) when the group names the IdP exactly', async () => {
    const c = claims({
      username: 'umbrellaentra_bob@umbrella.com',
      groups: [`${SHARED_POOL}_UmbrellaEntra`],
    });
    expect(await resolveTenant(shared, c, registry)).toBe('umbrella');
  });

  it('still refuses a username prefix naming another IdP in any case', async () => {
    const c = claims({ username: 'GLOBEX_bob@globex.com', groups: [`${SHARED_POOL}_UmbrellaEntra`] });
    await expect(async () => resolveTenant(shared, c, registry)).rejects.toThrow(TenantClaimMismatchError);
  });

  it('accepts a matching custom:tenantName and identities claim', async () => {
    const c = claims({ tenantName: 'globex', identityProviders: ['globex'] });
    expect(await resolveTenant(shared, c, registry)).toBe('globex');
  });

  it.each([
    ['the group and the username disagree', { username: 'initech_bob@initech.com' }],
    ['two IdP groups', { groups: [`${SHARED_POOL}_globex`, `${SHARED_POOL}_initech`] }],
    ['identities names another IdP', { identityProviders: ['initech'] }],
    ['custom:tenantName names another tenant', { tenantName: 'initech' }],
  ])('refuses a shared-pool token where %s', async (_, overrides) => {
    await expect(async () => resolveTenant(shared, claims(overrides), registry)).rejects.toThrow(
      TenantClaimMismatchError,
    );
  });

  it.each([
    ['no IdP at all (a native user)', { username: 'bob', groups: ['Admins'] }],
    ['an unregistered IdP', { username: 'hooli_bob', groups: [`${SHARED_POOL}_hooli`] }],
    ['an IdP name that is not valid', { username: 'bob', groups: [`${SHARED_POOL}_a_b`] }],
    ['a group of another pool', { username: 'bob', groups: ['eu-west-1_OtherPool_globex'] }],
    ['an empty username prefix', { username: '_bob', groups: [] }],
  ])('cannot resolve a shared-pool token with %s', async (_, overrides) => {
    await expect(async () => resolveTenant(shared, claims(overrides), registry)).rejects.toThrow(
      UnresolvedTenantError,
    );
  });

  it('fails closed when the provider lookup fails', async () => {
    const failing = new FakeParameterStore(PREFIX);
    failing.failWith = new Error('down');
    const broken = new RegistryReader(failing, {
      prefix: PREFIX,
      ttlMs: 1,
      negativeTtlMs: 1,
      staleIfErrorMs: 0,
      loadTimeoutMs: 100,
    });
    await expect(async () => resolveTenant(shared, claims({}), broken)).rejects.toThrow(
      RegistryUnavailableError,
    );
  });

  it('refuses a dedicated record without a tenant (defence in depth)', async () => {
    const { tenantId: _t, ...record } = issuerRecord(ACME_POOL);
    await expect(async () => resolveTenant(record, claims({}), registry)).rejects.toThrow(
      UnresolvedTenantError,
    );
  });
});
