import type { TenantItem } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import { belongsToTenant } from '../../src/sign-out-user';
import { TENANTS } from '../support/world';

const globex = TENANTS.globex as TenantItem;
const acme = TENANTS.acme as TenantItem;
const user = (username: string, providerNames: readonly string[] | undefined | null) => ({
  username,
  sub: 's',
  providerNames,
});

describe('belongsToTenant', () => {
  it('counts every user of a dedicated pool as the tenant’s, federated or not', () => {
    expect(belongsToTenant(acme, user('AcmeOkta_bob', ['AcmeOkta']))).toBe(true);
    expect(belongsToTenant(acme, user('native', undefined))).toBe(true);
  });

  it('binds a shared-pool user to the tenant of their IdP, username and identities agreeing', () => {
    expect(belongsToTenant(globex, user('GlobexEntra_frank', ['GlobexEntra']))).toBe(true);
    expect(belongsToTenant(globex, user('GlobexEntra_frank', ['GlobexEntra', 'GlobexEntra']))).toBe(true);
  });

  it('accepts a lower-cased username prefix (case-insensitive pools), identities still exact', () => {
    expect(belongsToTenant(globex, user('globexentra_frank', ['GlobexEntra']))).toBe(true);
    expect(belongsToTenant(globex, user('globexentra_frank', ['globexentra']))).toBe(false);
  });

  it.each([
    ['no identities', user('GlobexEntra_x', undefined)],
    ['unreadable identities', user('GlobexEntra_x', null)],
    ['an empty identities list', user('GlobexEntra_x', [])],
    ['another tenant’s IdP', user('UmbrellaGoogle_x', ['UmbrellaGoogle'])],
    ['a username of another IdP', user('UmbrellaGoogle_x', ['GlobexEntra'])],
    ['a username without an IdP prefix', user('frank', ['GlobexEntra'])],
    ['a username starting with the separator', user('_GlobexEntra', ['GlobexEntra'])],
    ['a username whose prefix only starts like the IdP', user('GlobexEntraX_x', ['GlobexEntra'])],
    ['a username of another IdP in another case', user('umbrellagoogle_x', ['GlobexEntra'])],
  ])('does not bind a shared-pool user with %s', (_label, candidate) => {
    expect(belongsToTenant(globex, candidate)).toBe(false);
  });
});
