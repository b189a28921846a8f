/**
 * Attacks from the user's and the IdP's side. Every case ends in a documented safe
 * outcome: the IdP's own tenant, no tenant, or the generic error; never a crash,
 * another tenant, or a leak into logs.
 */

import type { TenantTableKey } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { createTenantCache } from '../../src/aws-clients';
import { createHandler } from '../../src/create-handler';
import { SignInFailedError } from '../../src/errors';
import { createTenantLookup } from '../../src/tenant-store';
import {
  ACME_POOL,
  acmeUser,
  cognitoEvent,
  fakeLookup,
  handlerSetup,
  identities,
  recordingLogger,
  rejected,
  SHARED_POOL,
  testConfig,
} from './fixtures';

async function claims(result: Promise<Record<string, unknown>>) {
  const response = (await result).response as {
    claimsOverrideDetails: {
      claimsToAddOrOverride: Record<string, unknown>;
      claimsToSuppress: string[];
      groupOverrideDetails: { groupsToOverride: string[] };
    };
  };
  return response.claimsOverrideDetails;
}

describe('cross-tenant email spoofing', () => {
  it('an IdP of tenant A asserting a tenant B address never yields tenant B', async () => {
    const { handler } = handlerSetup();
    await rejected(handler(cognitoEvent({ attributes: acmeUser({ email: 'bob@globex.com' }) })));
    const flagged = await claims(
      handlerSetup({ EMAIL_DOMAIN_CHECK: 'flag' }).handler(
        cognitoEvent({ attributes: acmeUser({ email: 'bob@globex.com' }) }),
      ),
    );
    expect(flagged.claimsToAddOrOverride['custom:tenantName']).toBe('acme');
    expect(JSON.stringify(flagged)).not.toContain('globex');
  });

  it('the other way round: tenant B’s IdP asserting a tenant A address never yields tenant A', async () => {
    const attributes = acmeUser({ identities: identities('GlobexIdP'), email: 'alice@acme.com' });
    await rejected(handlerSetup().handler(cognitoEvent({ attributes })));
    const flagged = await claims(
      handlerSetup({ EMAIL_DOMAIN_CHECK: 'flag' }).handler(cognitoEvent({ attributes })),
    );
    expect(flagged.claimsToAddOrOverride['custom:tenantName']).toBe('globex');
    expect(JSON.stringify(flagged)).not.toContain('acme');
  });

  it.each([
    'bob@acme.com.evil.com',
    'bob@evil-acme.com',
    'bob@acme.co',
    'bob@xn--acme-9za.com',
    'bob@acmе.com', // Cyrillic е
    'bob@globex.com@acme.com',
    '"bob@acme.com"@globex.com',
    'bob@sub.acme.com',
  ])('a look-alike address %s does not pass as an acme domain', async (email) => {
    await rejected(handlerSetup().handler(cognitoEvent({ attributes: acmeUser({ email }) })));
    const flagged = handlerSetup({ EMAIL_DOMAIN_CHECK: 'flag' });
    const result = await claims(flagged.handler(cognitoEvent({ attributes: acmeUser({ email }) })));
    expect(result.claimsToAddOrOverride['custom:domainName']).toBeUndefined();
    expect(result.claimsToSuppress).toContain('custom:domainName');
  });
});

describe('attacker-written attributes', () => {
  it('overrides a user-written custom:tenantName and custom:domainName', async () => {
    const attributes = acmeUser({ 'custom:tenantName': 'globex', 'custom:domainName': 'globex.com' });
    const result = await claims(handlerSetup().handler(cognitoEvent({ attributes })));
    expect(result.claimsToAddOrOverride).toEqual({
      'custom:tenantName': 'acme',
      'custom:domainName': 'acme.com',
    });
  });

  it('never reads the tenant from custom:tenantName, even for a native shared-pool user', async () => {
    const attributes = {
      email: 'eve@globex.com',
      'custom:tenantName': 'globex',
      'custom:groups': 'Globex-Admins',
    };
    const { handler, logger } = handlerSetup();
    await rejected(handler(cognitoEvent({ attributes })));
    expect(logger.lines[0]?.attributes).toMatchObject({ reason: 'no-identity' });
  });

  it('suppresses user-written tenant claims when issuing tokens without a tenant', async () => {
    const attributes = {
      email: 'eve@globex.com',
      'custom:tenantName': 'globex',
      'custom:domainName': 'globex.com',
    };
    const result = await claims(
      handlerSetup({ ALLOW_TOKENS_WITHOUT_TENANT: 'true' }).handler(cognitoEvent({ attributes })),
    );
    expect(result.claimsToAddOrOverride).toEqual({});
    expect(result.claimsToSuppress).toEqual(['custom:tenantName', 'custom:domainName']);
    expect(result.groupOverrideDetails.groupsToOverride).toEqual([]);
  });

  it('a forged identities attribute for another pool’s IdP is just an unknown IdP here', async () => {
    const attributes = acmeUser({
      identities: '[{"providerName":"AcmeIdP","userId":"x"},{"providerName":"Globex"}]',
    });
    await rejected(handlerSetup().handler(cognitoEvent({ attributes })));
    const forged = acmeUser({ identities: '[{"providerName":"../POOL#x"}]' });
    await rejected(handlerSetup().handler(cognitoEvent({ attributes: forged })));
  });

  it.each([
    ['not JSON', '{{{'],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['nested arrays', '[[{"providerName":"AcmeIdP"}]]'],
    ['a huge value', `[${'{"providerName":"AcmeIdP"},'.repeat(5000)}{"providerName":"AcmeIdP"}]`],
  ])('malformed identities (%s) fail closed without a lookup', async (_name, value) => {
    const { lookup, keys } = fakeLookup();
    const { handler, logger } = handlerSetup({}, lookup);
    await rejected(handler(cognitoEvent({ attributes: acmeUser({ identities: value }) })));
    expect(keys).toEqual([]);
    expect(logger.lines[0]?.attributes).toMatchObject({ reason: 'malformed-identities' });
  });
});

describe('groups', () => {
  it('drops another tenant’s groups asserted by this tenant’s IdP', async () => {
    const attributes = acmeUser({ 'custom:groups': '[Globex-Admins, gx-ops, Admins]' });
    const result = await claims(handlerSetup().handler(cognitoEvent({ attributes })));
    expect(result.groupOverrideDetails.groupsToOverride).toEqual([`${SHARED_POOL}_AcmeIdP`, 'Admins']);
  });

  it('drops Cognito groups of other IdPs and pools', async () => {
    const cognitoGroups = [`${SHARED_POOL}_GlobexIdP`, `${ACME_POOL}_AcmeIdP`, 'Admins-in-pool'];
    const result = await claims(handlerSetup().handler(cognitoEvent({ cognitoGroups })));
    expect(result.groupOverrideDetails.groupsToOverride).toEqual(['Admins', 'app-reader']);
  });

  it('caps 500 asserted groups by count and bytes', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `app-${'x'.repeat(i % 40)}${i}`);
    const attributes = acmeUser({ 'custom:groups': `[${many.join(', ')}]` });
    const { handler, logger } = handlerSetup();
    const groups = (await claims(handler(cognitoEvent({ attributes })))).groupOverrideDetails
      .groupsToOverride;
    expect(groups[0]).toBe(`${SHARED_POOL}_AcmeIdP`);
    expect(groups.length).toBeLessThanOrEqual(51);
    expect(Buffer.byteLength(JSON.stringify(groups.slice(1)))).toBeLessThanOrEqual(2048);
    expect(logger.lines[0]?.attributes.flags).toEqual(['groups-truncated']);
  });

  it.each(['[Admins', '%E0%A4%A', '["Admins",{}]', '\u0000', `[${'a,'.repeat(20_000)}]`])(
    'malformed groups %p yield no IdP groups, never a crash',
    async (value) => {
      const result = await claims(
        handlerSetup().handler(cognitoEvent({ attributes: acmeUser({ 'custom:groups': value }) })),
      );
      expect(result.groupOverrideDetails.groupsToOverride).toEqual([`${SHARED_POOL}_AcmeIdP`]);
    },
  );
});

describe('the tenant table', () => {
  const throttledClient = {
    send: async () => {
      const error = new Error('Throughput exceeded for table arn:aws:dynamodb:eu-west-1:123:table/tenants');
      error.name = 'ProvisionedThroughputExceededException';
      throw error;
    },
  };
  const hangingClient = { send: () => new Promise(() => {}) };

  it.each([
    ['throttling', throttledClient],
    ['a hang', hangingClient],
  ])('%s yields the generic error with no table name or ARN', async (_name, client) => {
    const config = testConfig({ DYNAMODB_TIMEOUT_MS: '50' });
    const lookup = createTenantLookup({
      client: client as never,
      tableName: 'tenants',
      cache: createTenantCache(config),
    });
    const logger = recordingLogger();
    const handler = createHandler({ config, lookup, logger });
    const error = await handler(cognitoEvent()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignInFailedError);
    expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).not.toMatch(
      /tenants|arn:|Throughput/,
    );
    expect(logger.text()).not.toMatch(/tenants|arn:|Throughput/);
    expect(logger.lines[0]).toMatchObject({ level: 'error', attributes: { reason: 'registry-unavailable' } });
  });

  it('an item keyed for one IdP is never read for another', async () => {
    const seen: TenantTableKey[] = [];
    const { handler } = handlerSetup({}, async (key) => {
      seen.push(key);
      return undefined;
    });
    await rejected(handler(cognitoEvent({ attributes: acmeUser({ identities: identities('GlobexIdP') }) })));
    expect(seen).toEqual([{ pk: `IDP#${SHARED_POOL}#GlobexIdP` }]);
  });
});

describe('logs', () => {
  it('never contain emails, attribute values or whole events', async () => {
    const attributes = acmeUser({
      email: 'secret.person@acme.com',
      'custom:groups': '[Admins, TopSecretProject]',
      'custom:tenantName': 'forged-tenant',
    });
    const ok = handlerSetup();
    await ok.handler(cognitoEvent({ attributes }));
    const bad = handlerSetup();
    await bad
      .handler(cognitoEvent({ attributes: { ...attributes, email: 'secret.person@globex.com' } }))
      .catch(() => {});
    for (const text of [ok.logger.text(), bad.logger.text()]) {
      expect(text).not.toMatch(/secret\.person|TopSecretProject|forged-tenant|11111111-2222|globex\.com/);
    }
  });
});
