import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Tenant, tenantCallbackUrls } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { resourceNames } from '../../src/names';
import {
  type Body,
  environmentOf,
  ref,
  resources,
  resourceWhere,
  type StackJson,
  stack,
  synthRecord,
} from '../support/synthesized';

const ENVIRONMENTS = synthRecord().environments;

interface PoolUnderTest {
  readonly environment: string;
  readonly stack: StackJson;
  readonly name: string;
  readonly poolKey: string;
  readonly pool: Body;
  readonly client: Body;
  readonly tenants: readonly Tenant[];
  readonly settings: NonNullable<Tenant['pool']>;
}

function poolsOf(environment: string): PoolUnderTest[] {
  const s = stack(environment);
  const env = environmentOf(environment);
  const names = resourceNames(environment);
  const shared = env.tenants.filter((t) => t.pattern === 'shared');
  const wanted = [
    ...(shared.length > 0 && env.sharedPool
      ? [{ name: names.sharedPool, tenants: shared, settings: env.sharedPool }]
      : []),
    ...env.tenants
      .filter((t) => t.pattern === 'dedicated' && t.pool)
      .map((t) => ({ name: names.dedicatedPool(t.id), tenants: [t], settings: t.pool! })),
  ];
  expect(resources(s, 'aws_cognito_user_pool')).toHaveLength(wanted.length);
  return wanted.map(({ name, tenants, settings }) => {
    const [poolKey, pool] = resourceWhere(s, 'aws_cognito_user_pool', 'name', name);
    const [, client] = resourceWhere(s, 'aws_cognito_user_pool_client', 'name', `${name}-web`);
    return { environment, stack: s, name, poolKey, pool, client, tenants, settings };
  });
}

const cases = ENVIRONMENTS.flatMap((environment) =>
  poolsOf(environment).map((p) => [`${environment}/${p.name}`, p] as const),
);

describe.each(cases)('user pool %s', (_label, p) => {
  /** The resource of `type` whose `attribute` is `value`, after checking it hangs off this pool. */
  const ofThisPool = (type: string, attribute: string, value: unknown): Body => {
    const [, body] = resourceWhere(p.stack, type, attribute, value);
    expect(body.user_pool_id).toBe(ref('aws_cognito_user_pool', p.poolKey, 'id'));
    return body;
  };

  it('lets no one sign up or recover a password: users only arrive through their IdP', () => {
    expect(p.pool.admin_create_user_config).toEqual({ allow_admin_create_user_only: true });
    expect(p.pool.account_recovery_setting.recovery_mechanism).toEqual([{ name: 'admin_only', priority: 1 }]);
    expect(p.pool.user_pool_tier).toBe(p.settings.featurePlan);
  });

  it('defines groups (2,048), tenantName and domainName as custom attributes', () => {
    const schema = Object.fromEntries(
      (p.pool.schema as Body[]).map((a) => [a.name, a.string_attribute_constraints.max_length]),
    );
    expect(schema).toEqual({ groups: '2048', tenantName: '64', domainName: '253' });
  });

  it('lets the app client write only what the SAML mappings fill, never the tenant attributes', () => {
    const writable: string[] = p.client.write_attributes;
    expect(writable).not.toContain('custom:tenantName');
    expect(writable).not.toContain('custom:domainName');
    const mapped = new Set(p.tenants.flatMap((t) => Object.keys(t.idp.attributeMapping)));
    const allowed = ['email', ...['given_name', 'family_name'].filter((a) => mapped.has(a))];
    if (mapped.has('groups')) allowed.push('custom:groups');
    expect([...writable].sort()).toEqual(allowed.sort());
  });

  it('allows only the authorization code flow and refresh, without the user-admin scope', () => {
    const c = p.client;
    expect(c.allowed_oauth_flows).toEqual(['code']);
    expect(c.allowed_oauth_flows_user_pool_client).toBe(true);
    expect(c.allowed_oauth_scopes).toEqual(['openid', 'email', 'profile']);
    expect(c.allowed_oauth_scopes).not.toContain('aws.cognito.signin.user.admin');
    expect(c.explicit_auth_flows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(c.generate_secret).toBe(false);
    expect(c.prevent_user_existence_errors).toBe('ENABLED');
    expect(c.enable_token_revocation).toBe(true);
  });

  it('signs in only through the tenants’ own IdPs, back to the callback URLs of the file', () => {
    expect(p.client.supported_identity_providers).toEqual(p.tenants.map((t) => t.idp.name));
    expect(p.client.supported_identity_providers).not.toContain('COGNITO');
    // Plus, in dev without DNS, the tenant's own distribution (tests/synth/hosting.test.ts).
    const fromFile = p.client.callback_urls.filter(
      (url: string) => !url.includes('${aws_cloudfront_distribution.'),
    );
    expect(fromFile).toEqual([...new Set(p.tenants.flatMap(tenantCallbackUrls))]);
  });

  it('uses the token lifetimes of the file', () => {
    const v = p.settings.tokenValidity;
    expect(p.client).toMatchObject({
      access_token_validity: v.accessTokenMinutes,
      id_token_validity: v.idTokenMinutes,
      refresh_token_validity: v.refreshTokenDays,
      token_validity_units: [{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }],
    });
  });

  it('federates one SAML IdP per tenant whose identifiers are exactly its email domains', () => {
    for (const tenant of p.tenants) {
      const idp = ofThisPool('aws_cognito_identity_provider', 'provider_name', tenant.idp.name);
      expect(idp.provider_type).toBe('SAML');
      // Cognito identifiers hold 40 characters; longer domains still sign in by IdP name.
      expect(idp.idp_identifiers).toEqual(tenant.emailDomains.filter((d) => d.length <= 40));
      expect(idp.attribute_mapping.email).toBe(tenant.idp.attributeMapping.email);
      expect(idp.attribute_mapping['custom:groups']).toBe(tenant.idp.attributeMapping.groups);
      expect(idp.attribute_mapping['custom:tenantName']).toBeUndefined();
      expect(idp.provider_details.IDPInit).toBe('false');
      expect(idp.provider_details.IDPSignout).toBe(String(tenant.idp.signOut));
      if (tenant.idp.metadataUrl) expect(idp.provider_details.MetadataURL).toBe(tenant.idp.metadataUrl);
      else {
        const file = resolve(environmentOf(p.environment).baseDir, tenant.idp.metadataFile!);
        expect(idp.provider_details.MetadataFile).toBe(readFileSync(file, 'utf8'));
      }
    }
  });

  it('runs pre-token-gen where the file says so, as V2 only when the feature plan allows it', () => {
    const config = p.pool.lambda_config;
    if (!p.settings.preTokenGeneration) {
      expect(config).toBeUndefined();
      return;
    }
    const version = p.settings.featurePlan === 'LITE' ? 'V1_0' : 'V2_0';
    expect(config.pre_token_generation_config.lambda_version).toBe(version);
    expect(config.pre_token_generation_config.lambda_arn).toMatch(/:function:ct-[a-z0-9-]+-pre-token-gen$/);
    expect(config.pre_token_generation).toBe(config.pre_token_generation_config.lambda_arn);
  });

  it('lets Cognito invoke the trigger through the one grant for this account’s pools in the region', () => {
    const permissions = resources(p.stack, 'aws_lambda_permission').filter(
      ([, b]) => b.principal === 'cognito-idp.amazonaws.com',
    );
    if (!p.settings.preTokenGeneration) return;
    // One grant, never one per pool: adding a tenant leaves the function policy alone (#21).
    const { region } = environmentOf(p.environment);
    const [[, grant] = ['', {}], ...more] = permissions;
    expect(more).toEqual([]);
    expect(grant.statement_id).toBe('AllowCognitoPoolsOfThisAccount');
    expect(grant.source_arn).toBe(`arn:aws:cognito-idp:${region}:${grant.source_account}:userpool/*`);
  });

  it('has a hosted UI domain with the configured prefix', () => {
    ofThisPool('aws_cognito_user_pool_domain', 'domain', p.settings.domainPrefix);
  });
});

describe('deletion protection', () => {
  it.each(ENVIRONMENTS)('follows the file in %s', (environment) => {
    const env = environmentOf(environment);
    for (const [, pool] of resources(stack(environment), 'aws_cognito_user_pool')) {
      expect(pool.deletion_protection).toBe(env.deletionProtection ? 'ACTIVE' : 'INACTIVE');
    }
  });
});
