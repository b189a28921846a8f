import { describe, expect, it } from '@jest/globals';
import { bindTenant } from '../../src/bind-tenant';
import { EmailDomainError, IdentityError, UnknownTenantError } from '../../src/errors';
import { parseEvent } from '../../src/event';
import {
  ACME_POOL,
  acmeUser,
  cognitoEvent,
  fakeLookup,
  identities,
  SHARED_POOL,
  testConfig,
} from './fixtures';

function event(
  attributes: Record<string, string>,
  options: { userPoolId?: string; cognitoGroups?: string[] } = {},
) {
  return parseEvent(cognitoEvent({ attributes, ...options }), { cognitoLocalCompat: false });
}

describe('bindTenant', () => {
  it('binds a shared-pool user to the tenant of their IdP and keeps the allowed groups', async () => {
    const { lookup, keys } = fakeLookup();
    const binding = await bindTenant(
      event(acmeUser({ 'custom:groups': '[Admins, Users, app-reader, CN=Admins,OU=X]' })),
      lookup,
      testConfig(),
    );
    expect(keys).toEqual([`IDP#${SHARED_POOL}#AcmeIdP`]);
    expect(binding).toEqual({
      tenantId: 'acme',
      emailDomain: 'acme.com',
      groups: [`${SHARED_POOL}_AcmeIdP`, 'Admins', 'app-reader', 'CN=Admins,OU=X'],
      providerName: 'AcmeIdP',
      flags: [],
    });
  });

  it('binds a dedicated-pool user to the tenant of the pool, with or without an identity', async () => {
    const { lookup, keys } = fakeLookup();
    const native = await bindTenant(
      event({ email: 'Peter@Initech.com' }, { userPoolId: ACME_POOL, cognitoGroups: [] }),
      lookup,
      testConfig(),
    );
    expect(native).toMatchObject({ tenantId: 'initech', emailDomain: 'initech.com', groups: [] });
    const federated = await bindTenant(
      event(
        { email: 'peter@initech.com', identities: identities('InitechIdP') },
        { userPoolId: ACME_POOL, cognitoGroups: [`${ACME_POOL}_InitechIdP`] },
      ),
      lookup,
      testConfig(),
    );
    expect(federated.groups).toEqual([`${ACME_POOL}_InitechIdP`]);
    expect(keys).toEqual([`POOL#${ACME_POOL}`, `POOL#${ACME_POOL}`]);
  });

  it('treats every pool as dedicated when no shared pool is configured', async () => {
    const { lookup, keys } = fakeLookup();
    const config = testConfig({ SHARED_USER_POOL_IDS: '' });
    await expect(bindTenant(event(acmeUser()), lookup, config)).rejects.toBeInstanceOf(UnknownTenantError);
    expect(keys).toEqual([`POOL#${SHARED_POOL}`]);
  });

  it('keeps the provider group only when Cognito lists it, and only once', async () => {
    const { lookup } = fakeLookup();
    const config = testConfig();
    const without = await bindTenant(event(acmeUser(), { cognitoGroups: [] }), lookup, config);
    expect(without.groups).toEqual(['Admins', 'app-reader']);
    const own = `${SHARED_POOL}_AcmeIdP`;
    const twice = await bindTenant(
      event(acmeUser({ 'custom:groups': `[${own}, Admins]` }), { cognitoGroups: [own] }),
      lookup,
      testConfig(),
    );
    expect(twice.groups).toEqual([own, 'Admins']);
  });

  it('drops Cognito groups other than the provider group', async () => {
    const { lookup } = fakeLookup();
    const binding = await bindTenant(
      event(acmeUser({ 'custom:groups': '' }), {
        cognitoGroups: ['pool-admins', `${SHARED_POOL}_GlobexIdP`],
      }),
      lookup,
      testConfig(),
    );
    expect(binding.groups).toEqual([]);
  });

  it('flags malformed and truncated groups', async () => {
    const { lookup } = fakeLookup();
    const malformed = await bindTenant(event(acmeUser({ 'custom:groups': '[Admins' })), lookup, testConfig());
    expect(malformed.flags).toEqual(['groups-malformed']);
    const truncated = await bindTenant(event(acmeUser()), lookup, testConfig({ MAX_GROUPS: '1' }));
    expect(truncated).toMatchObject({
      groups: [`${SHARED_POOL}_AcmeIdP`, 'Admins'],
      flags: ['groups-truncated'],
    });
  });

  describe('email domain check', () => {
    it('enforce: refuses a missing, invalid or foreign email', async () => {
      const { lookup } = fakeLookup();
      const attempts = [
        [{ email: '' }, 'email-missing'],
        [{ email: 'not-an-email' }, 'email-missing'],
        [{ email: 'bob@globex.com' }, 'email-domain-mismatch'],
      ] as const;
      for (const [overrides, reason] of attempts) {
        const attributes = acmeUser(overrides);
        await expect(bindTenant(event(attributes), lookup, testConfig())).rejects.toEqual(
          new EmailDomainError(reason),
        );
      }
      const noEmail = acmeUser();
      delete noEmail.email;
      await expect(bindTenant(event(noEmail), lookup, testConfig())).rejects.toEqual(
        new EmailDomainError('email-missing'),
      );
    });

    it('flag: binds the IdP tenant, leaves the domain out and flags it', async () => {
      const { lookup } = fakeLookup();
      const config = testConfig({ EMAIL_DOMAIN_CHECK: 'flag' });
      expect(await bindTenant(event(acmeUser({ email: 'bob@globex.com' })), lookup, config)).toMatchObject({
        tenantId: 'acme',
        emailDomain: undefined,
        flags: ['email-domain-mismatch'],
      });
      expect(await bindTenant(event(acmeUser({ email: 'x' })), lookup, config)).toMatchObject({
        tenantId: 'acme',
        emailDomain: undefined,
        flags: ['email-missing'],
      });
    });

    it('accepts every one of the tenant domains, normalised', async () => {
      const { lookup } = fakeLookup();
      const binding = await bindTenant(event(acmeUser({ email: ' Bob@ACME.co.uk ' })), lookup, testConfig());
      expect(binding.emailDomain).toBe('acme.co.uk');
    });
  });

  describe('identity', () => {
    it.each([
      ['no identity in the shared pool', acmeUser({ identities: '' }), 'no-identity'],
      ['malformed identities', acmeUser({ identities: '{' }), 'malformed-identities'],
      [
        'several providers',
        acmeUser({ identities: identities('AcmeIdP', 'GlobexIdP') }),
        'multiple-identity-providers',
      ],
    ])('refuses %s before any lookup', async (_name, attributes, reason) => {
      const { lookup, keys } = fakeLookup();
      await expect(bindTenant(event(attributes), lookup, testConfig())).rejects.toEqual(
        new IdentityError(reason as never),
      );
      expect(keys).toEqual([]);
    });

    it('refuses an IdP the registry does not know', async () => {
      const { lookup } = fakeLookup();
      const attributes = acmeUser({ identities: identities('Google') });
      await expect(bindTenant(event(attributes), lookup, testConfig())).rejects.toBeInstanceOf(
        UnknownTenantError,
      );
    });
  });

  it('lets store failures through unchanged (the handler maps them)', async () => {
    const failure = new Error('boom');
    await expect(
      bindTenant(event(acmeUser()), async () => Promise.reject(failure), testConfig()),
    ).rejects.toBe(failure);
  });
});
