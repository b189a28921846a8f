/**
 * The tenant-stacks layout with `api.customDomains`: each tenant stack owns its hosts' regional
 * custom domains, base path mappings and alias records, against the REST API id the platform
 * publishes; the platform names no tenant host, and adding tenants leaves every existing
 * stack byte for byte. Whether the execute-api endpoint is off depends on
 * `api.customDomains.hostsOnly`, never on the tenants.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { customDomainsOnly } from '../../src/environment-stack';
import { planMigration } from '../../src/migration-map';
import { restApiParameterName, tenantStackName } from '../../src/stack-layout';
import { type RawEnvironment, withNewTenants } from '../support/new-tenants';
import { standInState } from '../support/stand-in-state';
import type { Body, StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariantStacks } from '../support/variant-stack';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:111111111111:certificate/abc-123';
const ZONE = 'Z0EXAMPLE1FICTION4L';
const { hosting: _hosting, ...dev } = rawEnvironment('dev') as RawEnvironment;
const raw: RawEnvironment = {
  ...dev,
  tenantStacks: true,
  // The file's own CORS list is the operator's; dev's names tenant hosts.
  api: {
    ...(dev.api as Body),
    corsOrigins: ['https://app.dev.example.com'],
    customDomains: { certificateArn: CERTIFICATE, route53ZoneId: ZONE },
  },
};
const env = parseEnvironment(raw, 'variant.json', '.');
const stacks = synthVariantStacks(raw);
const platform = stacks.get('dev') as StackJson;
const ofType = (stack: StackJson | undefined, type: string): Body[] =>
  Object.values(stack?.resource[type] ?? {}) as Body[];

describe('tenant-stacks layout with api.customDomains', () => {
  it('names no tenant host in the platform, and publishes the REST API id', () => {
    const hosts = env.tenants.flatMap((t) => t.hosts);
    expect(hosts.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(platform);
    for (const host of hosts) expect({ host, found: text.includes(host) }).toEqual({ host, found: false });
    expect(ofType(platform, 'aws_api_gateway_domain_name')).toEqual([]);
    const published = ofType(platform, 'aws_ssm_parameter').find(
      (p) => p.name === restApiParameterName(env.registryPrefix),
    );
    expect(String(published?.value)).toMatch(/^\$\{aws_api_gateway_rest_api\.[^.]+\.id\}$/);
  });

  it('gives each tenant stack its hosts’ domains, mappings to the published API and alias records', () => {
    for (const tenant of env.tenants) {
      const stack = stacks.get(tenantStackName('dev', tenant.id));
      const domains = ofType(stack, 'aws_api_gateway_domain_name');
      expect(domains.map((d) => d.domain_name)).toEqual(tenant.hosts);
      for (const domain of domains) {
        expect(domain.regional_certificate_arn).toBe(CERTIFICATE);
        expect(domain.security_policy).toBe('TLS_1_2');
      }
      const mappings = ofType(stack, 'aws_api_gateway_base_path_mapping');
      expect(mappings).toHaveLength(tenant.hosts.length);
      for (const mapping of mappings) {
        expect(mapping.api_id).toMatch(/^\$\{data\.aws_ssm_parameter\.rest-api-id\.insecure_value\}$/);
        expect(mapping.stage_name).toBe('dev');
      }
      const records = ofType(stack, 'aws_route53_record');
      expect(records.map((r) => `${r.type} ${r.name} ${r.zone_id}`)).toEqual(
        tenant.hosts.map((host) => `A ${host} ${ZONE}`),
      );
    }
  });

  it('adds tenants by adding their stacks: every other stack stays byte-identical', () => {
    const after = synthVariantStacks(withNewTenants(raw));
    for (const [name, stack] of stacks)
      expect({ name, json: JSON.stringify(after.get(name)) }).toEqual({ name, json: JSON.stringify(stack) });
    const added = after.get(tenantStackName('dev', 'newco'));
    expect(ofType(added, 'aws_api_gateway_domain_name').map((d) => d.domain_name)).toEqual([
      'newco.dev.example.com',
    ]);
  });

  it('turns the execute-api endpoint off only with api.customDomains.hostsOnly, never by the tenants', () => {
    const [api] = ofType(platform, 'aws_api_gateway_rest_api');
    expect(api?.disable_execute_api_endpoint).toBe(false);
    const withHosts = env.tenants.filter((t) => t.hosts.length > 0);
    // Tenant stacks: every tenant with a host is not enough.
    expect(customDomainsOnly({ ...env, tenants: withHosts })).toBe(false);
    const domains = env.api?.customDomains as NonNullable<NonNullable<typeof env.api>['customDomains']>;
    const hostsOnly = { ...env.api, customDomains: { ...domains, hostsOnly: true } } as typeof env.api;
    expect(customDomainsOnly({ ...env, api: hostsOnly })).toBe(true);
    // One stack, unset: decided by the tenants, every one with hosts.
    expect(customDomainsOnly({ ...env, tenantStacks: false })).toBe(false);
    expect(customDomainsOnly({ ...env, tenantStacks: false, tenants: withHosts })).toBe(true);
    // Synthesized: hostsOnly on a file whose tenants all have hosts.
    const onlyHosts = synthVariantStacks({
      ...raw,
      tenants: raw.tenants.filter((t) => Array.isArray(t.hosts) && t.hosts.length > 0),
      sharedPool: undefined,
      api: { ...(raw.api as Body), customDomains: { certificateArn: CERTIFICATE, hostsOnly: true } },
    }).get('dev');
    const [closed] = ofType(onlyHosts, 'aws_api_gateway_rest_api');
    expect(closed?.disable_execute_api_endpoint).toBe(true);
  });

  it('refuses hostsOnly while a tenant has no host, naming the tenant and the fix', () => {
    const withShared = {
      ...raw,
      api: { ...(raw.api as Body), customDomains: { certificateArn: CERTIFICATE, hostsOnly: true } },
    };
    expect(() => parseEnvironment(withShared, 'variant.json', '.')).toThrow(
      /\(tenant 'globex'\)\.hosts: none, but api\.customDomains\.hostsOnly turns the execute-api endpoint off; give the tenant a host or remove hostsOnly/,
    );
  });

  it('migrates the domains, mappings and records into tenant stacks by import, creating nothing', () => {
    const oneStack = synthVariantStacks({ ...raw, tenantStacks: false, sharedTenantClients: true }).get(
      'dev',
    ) as StackJson;
    const plan = planMigration({ env, oneStack, stacks, state: standInState(oneStack) });
    expect(plan.platformCreates).toEqual([]);
    for (const tenant of env.tenants) {
      const migration = plan.tenants.find((t) => t.tenant === tenant.id);
      expect({ [tenant.id]: migration?.creates }).toEqual({ [tenant.id]: [] });
      const ids = (type: string) =>
        (migration?.imports ?? []).filter((i) => i.to.startsWith(`${type}.`)).map((i) => i.id);
      expect(ids('aws_api_gateway_domain_name')).toEqual(tenant.hosts);
      expect(ids('aws_route53_record')).toEqual(tenant.hosts.map((host) => `${ZONE}_${host}_A`));
      // `<domain>/` (the stand-in state holds the configuration's reference as the domain).
      const mappings = ids('aws_api_gateway_base_path_mapping');
      expect(mappings).toHaveLength(tenant.hosts.length);
      for (const id of mappings) expect(id).toMatch(/\.domain_name\}\/$/);
    }
  });
});
