import { describe, expect, it } from '@jest/globals';
import { resourceNames } from '../../src/names';
import { environmentOf, ref, resourceWhere, stack, synthRecord } from '../support/synthesized';

const ENVIRONMENTS = synthRecord().environments;

describe.each(ENVIRONMENTS)('outputs of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const names = resourceNames(environment);
  const poolOf = (poolName: string) => resourceWhere(s, 'aws_cognito_user_pool', 'name', poolName)[0];
  const clientOf = (poolName: string) =>
    resourceWhere(s, 'aws_cognito_user_pool_client', 'name', `${poolName}-web`)[0];

  it('gives each tenant’s IdP admin the ACS URL and audience of the tenant’s pool', () => {
    const tenants = s.output.tenants!.value as Record<string, Record<string, unknown>>;
    expect(Object.keys(tenants).sort()).toEqual(env.tenants.map((t) => t.id).sort());
    for (const tenant of env.tenants) {
      const shared = tenant.pattern === 'shared';
      const poolName = shared ? names.sharedPool : names.dedicatedPool(tenant.id);
      const prefix = shared ? env.sharedPool!.domainPrefix : tenant.pool!.domainPrefix;
      const poolId = ref('aws_cognito_user_pool', poolOf(poolName), 'id');
      expect(tenants[tenant.id]).toMatchObject({
        pattern: tenant.pattern,
        identity_provider: tenant.idp.name,
        acs_url: `https://${prefix}.auth.${env.region}.amazoncognito.com/saml2/idpresponse`,
        audience: `urn:amazon:cognito:sp:${poolId}`,
        email_domains: tenant.emailDomains,
      });
      expect('slo_url' in tenants[tenant.id]!).toBe(tenant.idp.signOut);
    }
  });

  it('lists the pools, their clients and hosted UI domains', () => {
    const dedicated = s.output.dedicated_pools!.value as Record<string, Record<string, string>>;
    for (const tenant of env.tenants.filter((t) => t.pattern === 'dedicated')) {
      const poolName = names.dedicatedPool(tenant.id);
      expect(dedicated[tenant.id]).toEqual({
        user_pool_id: ref('aws_cognito_user_pool', poolOf(poolName), 'id'),
        client_id: ref('aws_cognito_user_pool_client', clientOf(poolName), 'id'),
        hosted_ui_domain: `${tenant.pool!.domainPrefix}.auth.${env.region}.amazoncognito.com`,
      });
    }
    if (env.tenants.some((t) => t.pattern === 'shared')) {
      expect(s.output.shared_pool!.value).toEqual({
        user_pool_id: ref('aws_cognito_user_pool', poolOf(names.sharedPool), 'id'),
        client_id: ref('aws_cognito_user_pool_client', clientOf(names.sharedPool), 'id'),
        hosted_ui_domain: `${env.sharedPool!.domainPrefix}.auth.${env.region}.amazoncognito.com`,
      });
    }
  });

  it('gives the API URL and the registry locations', () => {
    expect(s.output.api_url?.value).toMatch(/^\$\{aws_api_gateway_stage\.[^.]+\.invoke_url\}$/);
    expect(s.output.registry_prefix!.value).toBe(env.registryPrefix);
    expect(s.output.tenant_table_name!.value).toMatch(/^\$\{aws_dynamodb_table\.[^.]+\.name\}$/);
  });
});
