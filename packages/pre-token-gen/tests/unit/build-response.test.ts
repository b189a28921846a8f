import { describe, expect, it } from '@jest/globals';
import { buildResponse, DOMAIN_CLAIM, OWN_CLAIMS, TENANT_CLAIM } from '../../src/build-response';
import { parseEvent } from '../../src/event';
import { cognitoEvent } from './fixtures';

const v1 = parseEvent(cognitoEvent({ version: '1' }), { cognitoLocalCompat: false });
const v2 = parseEvent(cognitoEvent({ version: '2' }), { cognitoLocalCompat: false });
const local = parseEvent(cognitoEvent({ version: '0', region: 'local', userPoolId: 'local_AbCd1234' }), {
  cognitoLocalCompat: true,
});
const tenant = {
  kind: 'tenant',
  tenantId: 'acme',
  emailDomain: 'acme.com',
  groups: ['p_AcmeIdP', 'Admins'],
} as const;

/** Claims Cognito refuses to let triggers touch, and every `cognito:` claim. */
const RESERVED = [
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'client_id',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'scope',
  'sub',
  'token_use',
  'username',
];

describe('buildResponse', () => {
  it('V1: adds the tenant and domain to the ID token and overrides the groups', () => {
    expect(buildResponse(v1, tenant)).toEqual({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { [TENANT_CLAIM]: 'acme', [DOMAIN_CLAIM]: 'acme.com' },
        claimsToSuppress: [],
        groupOverrideDetails: { groupsToOverride: ['p_AcmeIdP', 'Admins'], iamRolesToOverride: [] },
      },
    });
  });

  it('V2: adds the claims to both tokens and overrides the groups of both', () => {
    const token = {
      claimsToAddOrOverride: { [TENANT_CLAIM]: 'acme', [DOMAIN_CLAIM]: 'acme.com' },
      claimsToSuppress: [],
    };
    expect(buildResponse(v2, tenant)).toEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: token,
        accessTokenGeneration: token,
        groupOverrideDetails: { groupsToOverride: ['p_AcmeIdP', 'Admins'], iamRolesToOverride: [] },
      },
    });
  });

  it('suppresses a user-written domain claim when the domain is not the tenant’s', () => {
    const response = buildResponse(v1, { ...tenant, emailDomain: undefined });
    expect(response).toMatchObject({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { [TENANT_CLAIM]: 'acme' },
        claimsToSuppress: [DOMAIN_CLAIM],
      },
    });
    expect(JSON.stringify(response)).not.toContain('"custom:domainName":');
  });

  it('without a tenant: suppresses both claims in every token and empties the groups', () => {
    expect(buildResponse(v1, { kind: 'no-tenant' })).toEqual({
      claimsOverrideDetails: {
        claimsToAddOrOverride: {},
        claimsToSuppress: [TENANT_CLAIM, DOMAIN_CLAIM],
        groupOverrideDetails: { groupsToOverride: [], iamRolesToOverride: [] },
      },
    });
    const v2Response = buildResponse(v2, { kind: 'no-tenant' });
    expect(v2Response).toMatchObject({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: {}, claimsToSuppress: [TENANT_CLAIM, DOMAIN_CLAIM] },
        accessTokenGeneration: { claimsToAddOrOverride: {}, claimsToSuppress: [TENANT_CLAIM, DOMAIN_CLAIM] },
        groupOverrideDetails: { groupsToOverride: [] },
      },
    });
  });

  it('cognito-local events also carry the groups as a claim, because the emulator ignores group overrides', () => {
    expect(buildResponse(local, tenant)).toMatchObject({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { [TENANT_CLAIM]: 'acme', 'cognito:groups': ['p_AcmeIdP', 'Admins'] },
        groupOverrideDetails: { groupsToOverride: ['p_AcmeIdP', 'Admins'] },
      },
    });
    expect(buildResponse(local, { kind: 'no-tenant' })).toMatchObject({
      claimsOverrideDetails: { claimsToAddOrOverride: { 'cognito:groups': [] } },
    });
  });

  it('never adds, overrides or suppresses a reserved or cognito: claim for real Cognito events', () => {
    const responses = [v1, v2].flatMap((event) => [
      buildResponse(event, tenant),
      buildResponse(event, { ...tenant, emailDomain: undefined }),
      buildResponse(event, { kind: 'no-tenant' }),
    ]);
    const touched = new Set<string>();
    for (const response of responses) {
      const details =
        'claimsOverrideDetails' in response
          ? [response.claimsOverrideDetails]
          : [
              response.claimsAndScopeOverrideDetails.idTokenGeneration,
              response.claimsAndScopeOverrideDetails.accessTokenGeneration,
            ];
      for (const d of details) {
        for (const claim of [...Object.keys(d.claimsToAddOrOverride), ...d.claimsToSuppress])
          touched.add(claim);
      }
    }
    expect([...touched].sort()).toEqual([...OWN_CLAIMS].sort());
    for (const claim of touched) {
      expect(RESERVED).not.toContain(claim);
      expect(claim.startsWith('cognito:')).toBe(false);
    }
  });
});
