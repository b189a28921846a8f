/**
 * The tenant-stacks layout with hosting (`hosting.wildcardAlias`, a Route 53 zone): the
 * platform's distribution, certificate, forward-host function, CSP and app settings name no
 * tenant, each tenant stack makes its own hosts' alias records against the distribution name
 * the platform publishes, and adding tenants leaves every existing stack byte for byte.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { CLOUDFRONT_HOSTED_ZONE_ID } from '../../src/constructs/distribution-dns';
import { distributionDomainParameterName, tenantStackName } from '../../src/stack-layout';
import { type RawEnvironment, withNewTenants } from '../support/new-tenants';
import type { Body, StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariantStacks } from '../support/variant-stack';

const ZONE = 'Z0EXAMPLE1FICTION4L';
const raw: RawEnvironment = {
  ...(rawEnvironment('dev') as RawEnvironment),
  tenantStacks: true,
  // The file's own CORS list is the operator's; dev's names tenant hosts (same origin behind CloudFront).
  api: { ...(rawEnvironment('dev').api as Body), corsOrigins: ['https://app.dev.example.com'] },
  hosting: {
    wildcardAlias: '*.dev.example.com',
    appHosts: ['app.dev.example.com'],
    certificate: { route53ZoneId: ZONE },
  },
};
const env = parseEnvironment(raw, 'variant.json', '.');
const stacks = synthVariantStacks(raw);
const platform = stacks.get('dev') as StackJson;
const tenantHosts = env.tenants.flatMap((tenant) => tenant.hosts);

const ofType = (stack: StackJson | undefined, type: string): Body[] =>
  Object.values(stack?.resource[type] ?? {}) as Body[];

describe('tenant-stacks layout with hosting', () => {
  it('has tenants with hosts (else this test proves nothing)', () => {
    expect(tenantHosts.length).toBeGreaterThanOrEqual(2);
  });

  it('names no tenant host anywhere in the platform stack', () => {
    const text = JSON.stringify(platform);
    for (const host of tenantHosts)
      expect({ host, found: text.includes(host) }).toEqual({ host, found: false });
  });

  it('serves every tenant through one wildcard alias and certificate name', () => {
    const [distribution] = ofType(platform, 'aws_cloudfront_distribution');
    // app.dev.example.com is one label under the wildcard: not a name of its own.
    expect(distribution?.aliases).toEqual(['*.dev.example.com']);
    const [certificate] = ofType(platform, 'aws_acm_certificate');
    expect(certificate?.domain_name).toBe('*.dev.example.com');
    expect(certificate?.subject_alternative_names).toEqual([]);
    const forwardHost = ofType(platform, 'aws_cloudfront_function').find((fn) =>
      String(fn.name).endsWith('forward-host'),
    );
    expect(String(forwardHost?.code)).toContain('var WILDCARD_SUFFIXES = [".dev.example.com"];');
    expect(String(forwardHost?.code)).toContain('var ALIASES = [];');
  });

  it('lets the SPA reach any hosted UI domain of the region (the platform knows no dedicated pool)', () => {
    const policies = ofType(platform, 'aws_cloudfront_response_headers_policy');
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      const csp = JSON.stringify(policy.security_headers_config);
      expect(csp).toContain('https://*.auth.eu-west-1.amazoncognito.com');
      expect(csp).not.toContain('ct-dev-acme');
    }
  });

  it('keeps the app hosts’ records and publishes the distribution’s name', () => {
    const records = ofType(platform, 'aws_route53_record').filter((r) => r.alias !== undefined);
    expect(records.map((r) => `${r.type} ${r.name} ${r.allow_overwrite}`).sort()).toEqual([
      'A app.dev.example.com true',
      'AAAA app.dev.example.com true',
    ]);
    const published = ofType(platform, 'aws_ssm_parameter').find(
      (p) => p.name === distributionDomainParameterName(env.registryPrefix),
    );
    expect(String(published?.value)).toMatch(/^\$\{aws_cloudfront_distribution\.[^.]+\.domain_name\}$/);
  });

  it('gives each tenant stack its own hosts’ alias records, to the published name', () => {
    for (const tenant of env.tenants) {
      const stack = stacks.get(tenantStackName('dev', tenant.id));
      const records = ofType(stack, 'aws_route53_record');
      expect(records.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
        tenant.hosts.flatMap((host) => [`AAAA ${host}`, `A ${host}`]).sort(),
      );
      for (const record of records) {
        expect(record.zone_id).toBe(ZONE);
        // A host another stack still holds fails instead of being taken over.
        expect(record.allow_overwrite).toBe(false);
        expect(record.alias).toEqual({
          name: expect.stringMatching(
            /^\$\{data\.aws_ssm_parameter\.distribution-domain[^.]*\.insecure_value\}$/,
          ),
          zone_id: CLOUDFRONT_HOSTED_ZONE_ID,
          evaluate_target_health: false,
        });
      }
      const reads = Object.values(stack?.data?.aws_ssm_parameter ?? {}) as Body[];
      if (tenant.hosts.length > 0)
        expect(reads.map((r) => r.name)).toContain(distributionDomainParameterName(env.registryPrefix));
    }
  });

  it('adds tenants by adding their stacks: every other stack stays byte-identical', () => {
    const after = synthVariantStacks(withNewTenants(raw));
    expect([...after.keys()].filter((name) => !stacks.has(name))).toEqual([
      tenantStackName('dev', 'newco'),
      tenantStackName('dev', 'sharedco'),
    ]);
    for (const [name, stack] of stacks)
      expect({ name, json: JSON.stringify(after.get(name)) }).toEqual({ name, json: JSON.stringify(stack) });
    const records = ofType(after.get(tenantStackName('dev', 'newco')), 'aws_route53_record');
    expect(records.map((r) => r.name)).toEqual(['newco.dev.example.com', 'newco.dev.example.com']);
  });
});
