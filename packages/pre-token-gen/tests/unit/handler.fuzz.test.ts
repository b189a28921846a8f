/**
 * Properties over generated events, configurations and store behaviour:
 * 1. the emitted tenant is always the tenant of the IdP (shared pool) or of the pool
 *    (dedicated), or none; never a tenant named by the email or a custom attribute;
 * 2. nothing but the generic SignInFailedError escapes (no TypeError, no store error);
 * 3. with ALLOW_TOKENS_WITHOUT_TENANT=true, tokens without a tenant only ever go to users for
 *    whom no tenant can be named (well-formed identities, no registry item), and tokens with
 *    a tenant only to users whose email domain is that tenant's (#19.7).
 */

import type { TenantClaimsItem } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SignInFailedError } from '../../src/errors';
import { TRIGGER_SOURCES } from '../../src/event';
import { ACME_POOL, handlerSetup, identities, REGISTRY, SHARED_POOL } from './fixtures';

const PROVIDERS = ['AcmeIdP', 'GlobexIdP', 'UnknownIdP', 'Google'];
const noProviderName = fc.string({ maxLength: 200 }).filter((s) => !s.includes('providerName'));

/** What the test knows about the identities it generated. */
const identitiesArb = fc.oneof(
  {
    arbitrary: fc
      .constantFrom(...PROVIDERS)
      .map((p) => ({ provider: p as string | undefined, value: identities(p) })),
    weight: 6,
  },
  fc
    .constantFrom(...PROVIDERS)
    .chain((a) =>
      fc
        .constantFrom(...PROVIDERS)
        .filter((b) => b !== a)
        .map((b) => [a, b]),
    )
    .map(([a, b]) => ({ provider: undefined, value: identities(a ?? '', b ?? '') })),
  fc.constant({ provider: undefined, value: undefined }),
  noProviderName.map((value) => ({ provider: undefined, value })),
  fc
    .jsonValue()
    .map((v) => ({ provider: undefined, value: JSON.stringify(v) }))
    .filter((x) => !x.value?.includes('providerName')),
);

const emailArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'bob@acme.com',
      'bob@acme.co.uk',
      'eve@globex.com',
      'p@initech.com',
      'x@acme.com.evil.com',
      '',
    ),
    weight: 6,
  },
  fc.emailAddress(),
  fc.string({ maxLength: 80 }),
);

const groupsArb = fc.oneof(
  fc.array(fc.string({ maxLength: 30 }), { maxLength: 60 }).map((g) => `[${g.join(', ')}]`),
  fc
    .array(fc.constantFrom('Admins', 'app-x', 'Globex-Admins', 'gx-1', 'CN=Admins,OU=X'), { maxLength: 20 })
    .map((g) => `[${g.join(', ')}]`),
  fc.array(fc.string({ maxLength: 30 })).map((g) => JSON.stringify(g)),
  fc.string({ maxLength: 300 }),
  fc.string({ maxLength: 100 }).map((s) => encodeURIComponent(`[${s}]`)),
);

const eventArb = fc.record({
  version: fc.oneof(
    { arbitrary: fc.constantFrom('1', '2'), weight: 8 },
    fc.constantFrom('0', '3'),
    fc.anything(),
  ),
  region: fc.constantFrom('eu-west-1', 'local'),
  triggerSource: fc.oneof({ arbitrary: fc.constantFrom(...TRIGGER_SOURCES), weight: 8 }, fc.string()),
  userPoolId: fc.oneof(
    { arbitrary: fc.constantFrom(SHARED_POOL, SHARED_POOL, ACME_POOL, 'eu-west-1_Other9'), weight: 8 },
    fc.string(),
  ),
  identities: identitiesArb,
  email: emailArb,
  groups: groupsArb,
  tenantName: fc.option(fc.constantFrom('globex', 'acme', 'initech', '', 'undefined')),
  cognitoGroups: fc.array(fc.oneof(fc.constant(`${SHARED_POOL}_AcmeIdP`), fc.string()), { maxLength: 5 }),
});

const envArb = fc.record({
  EMAIL_DOMAIN_CHECK: fc.constantFrom('enforce', 'flag'),
  ALLOW_TOKENS_WITHOUT_TENANT: fc.constantFrom('true', 'false'),
  COGNITO_LOCAL_COMPAT: fc.constantFrom('true', 'false'),
});

const storeArb = fc.constantFrom('ok', 'throws', 'type-error');

function expectedTenant(userPoolId: unknown, provider: string | undefined): TenantClaimsItem | undefined {
  const key = userPoolId === SHARED_POOL ? `IDP#${SHARED_POOL}#${provider}` : `POOL#${String(userPoolId)}`;
  if (userPoolId === SHARED_POOL && provider === undefined) return undefined;
  return Object.hasOwn(REGISTRY, key) ? REGISTRY[key] : undefined;
}

type Details = { claimsToAddOrOverride: Record<string, unknown>; claimsToSuppress: string[] };

function tokenDetails(response: Record<string, unknown>): Details[] {
  if ('claimsOverrideDetails' in response) return [response.claimsOverrideDetails as Details];
  const v2 = response.claimsAndScopeOverrideDetails as Record<string, Details>;
  return [v2.idTokenGeneration as Details, v2.accessTokenGeneration as Details];
}

/** The handler's answer, or `undefined` after checking that it threw the generic error. */
async function answerOrGenericError(
  handler: (event: unknown) => Promise<Record<string, unknown>>,
  event: unknown,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await handler(event);
  } catch (error) {
    expect(error).toBeInstanceOf(SignInFailedError);
    return undefined;
  }
}

describe('handler properties', () => {
  it('emits only the IdP’s (or pool’s) tenant or none, and only ever throws the generic error', async () => {
    await fc.assert(
      fc.asyncProperty(eventArb, envArb, storeArb, async (e, env, store) => {
        const lookup = async (key: { pk: string }) => {
          if (store === 'throws') throw new Error('store down');
          if (store === 'type-error') return { tenantId: undefined } as unknown as TenantClaimsItem;
          return Object.hasOwn(REGISTRY, key.pk) ? REGISTRY[key.pk] : undefined;
        };
        const { handler } = handlerSetup(env, lookup);
        const attributes: Record<string, unknown> = { email: e.email, 'custom:groups': e.groups };
        if (e.identities.value !== undefined) attributes.identities = e.identities.value;
        if (e.tenantName !== null) attributes['custom:tenantName'] = e.tenantName;
        const event = {
          version: e.version,
          region: e.region,
          triggerSource: e.triggerSource,
          userPoolId: e.userPoolId,
          request: { userAttributes: attributes, groupConfiguration: { groupsToOverride: e.cognitoGroups } },
          response: {},
        };
        const result = await answerOrGenericError(handler, event);
        if (result === undefined) return;
        const expected = expectedTenant(e.userPoolId, e.identities.provider);
        for (const details of tokenDetails(result.response as Record<string, unknown>)) {
          const tenant = details.claimsToAddOrOverride['custom:tenantName'];
          if (tenant === undefined) {
            expect(details.claimsToSuppress).toContain('custom:tenantName');
          } else {
            expect(tenant).toBe(expected?.tenantId);
            expect(tenant).not.toBe('');
            expect(tenant).not.toBe('undefined');
          }
          const domain = details.claimsToAddOrOverride['custom:domainName'];
          if (domain !== undefined) expect(expected?.emailDomains).toContain(domain);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('ALLOW_TOKENS_WITHOUT_TENANT=true never issues tokens past the email-domain check', async () => {
    const { handler } = handlerSetup({ ALLOW_TOKENS_WITHOUT_TENANT: 'true', EMAIL_DOMAIN_CHECK: 'enforce' });
    const wellFormedWithoutProvider = (value: string | undefined) => {
      if (value === undefined || value.trim() === '') return true;
      try {
        const parsed: unknown = JSON.parse(value);
        return Array.isArray(parsed) && parsed.length === 0;
      } catch {
        return false;
      }
    };
    const poolArb = fc.constantFrom(SHARED_POOL, ACME_POOL, 'eu-west-1_Other9');
    await fc.assert(
      fc.asyncProperty(poolArb, identitiesArb, emailArb, async (userPoolId, ids, email) => {
        const attributes: Record<string, unknown> = { email };
        if (ids.value !== undefined) attributes.identities = ids.value;
        const event = {
          version: '1',
          triggerSource: 'TokenGeneration_HostedAuth',
          region: 'eu-west-1',
          userPoolId,
          request: { userAttributes: attributes, groupConfiguration: { groupsToOverride: [] } },
          response: {},
        };
        const result = await answerOrGenericError(handler, event);
        if (result === undefined) return;
        const identitiesOk = ids.provider !== undefined || wellFormedWithoutProvider(ids.value);
        expect(identitiesOk).toBe(true);
        const [details] = tokenDetails(result.response as Record<string, unknown>);
        const tenant = details?.claimsToAddOrOverride['custom:tenantName'];
        const expected = expectedTenant(userPoolId, ids.provider);
        if (tenant === undefined) {
          // Tokens without a tenant: only when nothing names one.
          expect(expected).toBeUndefined();
        } else {
          expect(tenant).toBe(expected?.tenantId);
          const domain = String(email).trim().toLowerCase().split('@').at(-1);
          expect(expected?.emailDomains).toContain(domain);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('any input at all yields a response or the generic error', async () => {
    const { handler } = handlerSetup(
      { COGNITO_LOCAL_COMPAT: 'true', ALLOW_TOKENS_WITHOUT_TENANT: 'true' },
      async () => undefined,
    );
    await fc.assert(
      fc.asyncProperty(fc.anything({ withObjectString: true, withNullPrototype: true }), async (input) => {
        await handler(input).then(
          (result) => expect(result).toHaveProperty('response'),
          (error: unknown) => expect(error).toBeInstanceOf(SignInFailedError),
        );
      }),
      { numRuns: 500 },
    );
  });
});
