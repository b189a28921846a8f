/**
 * #19.7 from the attacker's side: tokens are never issued past the email-domain check, with
 * or without ALLOW_TOKENS_WITHOUT_TENANT, and users found by tenant-match through
 * `includeSubdomains` sign in end to end while a subdomain registered to another tenant
 * stays that tenant's.
 */

import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import {
  ACME_POOL,
  acmeUser,
  cognitoEvent,
  handlerSetup,
  identities,
  rejected,
  SHARED_POOL,
} from './fixtures';

function domainItem(tenantId: string, includeSubdomains: boolean): DomainItem {
  return {
    tenantId,
    displayName: tenantId,
    pattern: 'shared',
    region: 'eu-west-1',
    userPoolId: SHARED_POOL,
    clientId: 'client123',
    cognitoDomain: 'shared.auth.eu-west-1.amazoncognito.com',
    identityProvider: `${tenantId}-idp`,
    redirectUri: 'https://app.example.com/callback',
    includeSubdomains,
  };
}

/** `DOMAIN#` items as a map; records what was read. `'fail'` simulates a store error. */
function domainTable(table: Record<string, DomainItem>, mode: 'ok' | 'fail' = 'ok') {
  const read: string[] = [];
  const domainLookup: DomainLookup = async (domain) => {
    read.push(domain);
    if (mode === 'fail') throw new Error('throttled');
    return { value: Object.hasOwn(table, domain) ? table[domain] : undefined, source: 'load' };
  };
  return { domainLookup, read };
}

function setup(env: Record<string, string>, domains = domainTable({})) {
  return { ...handlerSetup(env, undefined, domains.domainLookup), read: domains.read };
}

type V1 = {
  claimsOverrideDetails: { claimsToAddOrOverride: Record<string, unknown>; claimsToSuppress: string[] };
};

async function claims(result: Promise<Record<string, unknown>>) {
  return ((await result).response as V1).claimsOverrideDetails;
}

const ALLOW = { ALLOW_TOKENS_WITHOUT_TENANT: 'true' };

describe('ALLOW_TOKENS_WITHOUT_TENANT=true never skips the email-domain check', () => {
  const anomalies = [
    ['malformed', '{'],
    ['not an array', '{"providerName":"AcmeIdP"}'],
    ['an entry without providerName', '[{"userId":"1"}]'],
    ['a provider name with a separator', identities('Acme#IdP')],
    ['two providers', identities('AcmeIdP', 'GlobexIdP')],
  ] as const;

  it.each(anomalies)(
    'refuses a dedicated-pool user whose identities is %s and whose email is another tenant’s',
    async (_what, value) => {
      const { handler, logger } = setup(ALLOW);
      const attributes = acmeUser({ identities: value, email: 'eve@globex.com' });

      await rejected(handler(cognitoEvent({ userPoolId: ACME_POOL, attributes })));
      expect(logger.lines.map((line) => line.attributes.reason)).not.toContain(
        'no-tenant:malformed-identities',
      );
    },
  );

  it.each(anomalies)('refuses a shared-pool user whose identities is %s', async (_what, value) => {
    const { handler } = setup(ALLOW);

    await rejected(handler(cognitoEvent({ attributes: acmeUser({ identities: value }) })));
  });

  it('still issues tokens without tenant claims for a native shared-pool user (no tenant to check)', async () => {
    const { handler } = setup(ALLOW);
    const attributes = { email: 'eve@globex.com' };

    const result = await claims(handler(cognitoEvent({ attributes })));

    expect(result.claimsToAddOrOverride).toEqual({});
    expect(result.claimsToSuppress).toEqual(['custom:tenantName', 'custom:domainName']);
  });

  it('never issues tokens for an email mismatch once a tenant is named', async () => {
    const { handler } = setup(ALLOW);

    await rejected(handler(cognitoEvent({ attributes: acmeUser({ email: 'eve@globex.com' }) })));
    await rejected(handler(cognitoEvent({ userPoolId: ACME_POOL, attributes: acmeUser() })));
  });
});

describe('includeSubdomains users (found by tenant-match through a parent)', () => {
  const acmeOptedIn = { 'acme.com': domainItem('acme', true) };

  it('binds x@lab.acme.com signed in by Acme’s IdP when acme.com opted in', async () => {
    const { handler, read } = setup({}, domainTable(acmeOptedIn));

    const result = await claims(handler(cognitoEvent({ attributes: acmeUser({ email: 'x@Lab.Acme.com' }) })));

    expect(result.claimsToAddOrOverride).toEqual({
      'custom:tenantName': 'acme',
      'custom:domainName': 'lab.acme.com',
    });
    expect(read).toEqual(expect.arrayContaining(['lab.acme.com', 'acme.com']));
  });

  it('refuses the subdomain when the tenant did not opt in', async () => {
    const { handler } = setup({}, domainTable({ 'acme.com': domainItem('acme', false) }));

    await rejected(handler(cognitoEvent({ attributes: acmeUser({ email: 'x@lab.acme.com' }) })));
  });

  it('never gives the parent’s tenant a subdomain registered to another tenant, at any depth', async () => {
    const table = {
      ...acmeOptedIn,
      'research.eu.corp.it.acme.com': domainItem('globex', false),
    };
    const { handler } = setup({}, domainTable(table));

    await rejected(
      handler(cognitoEvent({ attributes: acmeUser({ email: 'x@a.b.research.eu.corp.it.acme.com' }) })),
    );
    await rejected(
      handler(cognitoEvent({ attributes: acmeUser({ email: 'x@research.eu.corp.it.acme.com' }) })),
    );
  });

  it('flag mode binds the IdP’s tenant but states no domain for another tenant’s subdomain', async () => {
    const table = { ...acmeOptedIn, 'lab.acme.com': domainItem('globex', true) };
    const { handler } = setup({ EMAIL_DOMAIN_CHECK: 'flag' }, domainTable(table));

    const result = await claims(handler(cognitoEvent({ attributes: acmeUser({ email: 'x@lab.acme.com' }) })));

    expect(result.claimsToAddOrOverride).toEqual({ 'custom:tenantName': 'acme' });
    expect(result.claimsToSuppress).toEqual(['custom:domainName']);
  });

  it('reads nothing for look-alikes outside the tenant’s domains', async () => {
    const { handler, read } = setup({}, domainTable(acmeOptedIn));

    for (const email of ['x@evilacme.com', 'x@acme.com.evil.test', 'x@lab.globex.com', 'x@xn--cme-5cd.com']) {
      await rejected(handler(cognitoEvent({ attributes: acmeUser({ email }) })));
    }
    expect(read).toEqual([]);
  });

  it('fails closed when the domain items cannot be read, even with tokens without tenant allowed', async () => {
    const { handler, logger } = setup(ALLOW, domainTable(acmeOptedIn, 'fail'));

    await rejected(handler(cognitoEvent({ attributes: acmeUser({ email: 'x@lab.acme.com' }) })));
    expect(logger.lines.at(-1)?.attributes).toMatchObject({ reason: 'registry-unavailable' });
  });

  it('bounds the reads of a very deep address', async () => {
    const { handler, read } = setup({}, domainTable(acmeOptedIn));
    const deep = `x@${'a.'.repeat(40)}acme.com`;

    const result = await claims(handler(cognitoEvent({ attributes: acmeUser({ email: deep }) })));

    expect(result.claimsToAddOrOverride['custom:tenantName']).toBe('acme');
    expect(new Set(read).size).toBeLessThanOrEqual(5);
  });

  it('without a domain lookup only exact domains are accepted', async () => {
    const { handler } = handlerSetup();

    await rejected(handler(cognitoEvent({ attributes: acmeUser({ email: 'x@lab.acme.com' }) })));
  });
});
