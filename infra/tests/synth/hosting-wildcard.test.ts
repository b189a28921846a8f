/**
 * One-stack hosting with `hosting.wildcardAlias` (prod's file with `*.example.com`, and the
 * apex as an app host): one wildcard alias and certificate name instead of one per tenant host,
 * one validation record for `*.example.com` and `example.com` (ACM's shared CNAME), and exact
 * alias records per tenant and app host (never a wildcard record).
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { validationHosts } from '../../src/constructs/hosting-certificate';
import type { Body, StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

const prod = rawEnvironment('prod');
const raw = {
  ...prod,
  hosting: {
    ...(prod.hosting as Body),
    wildcardAlias: '*.example.com',
    appHosts: ['app.example.com', 'example.com'],
  },
};
const env = parseEnvironment(raw, 'variant.json', '.');
const stack = synthVariant(raw);
const ofType = (json: StackJson, type: string): Body[] => Object.values(json.resource[type] ?? {}) as Body[];

describe('hosting.wildcardAlias in one stack', () => {
  it('names the wildcard and the uncovered apex, not each tenant host', () => {
    const [distribution] = ofType(stack, 'aws_cloudfront_distribution');
    expect(distribution?.aliases).toEqual(['*.example.com', 'example.com']);
    const [certificate] = ofType(stack, 'aws_acm_certificate');
    expect(certificate?.domain_name).toBe('*.example.com');
    expect(certificate?.subject_alternative_names).toEqual(['example.com']);
  });

  it('makes the shared validation record of *.example.com and example.com once', () => {
    const validation = ofType(stack, 'aws_route53_record').filter((r) => r.alias === undefined);
    expect(validation).toHaveLength(1);
    // Named after example.com, whose record it was before the wildcard: updated in place.
    const names = Object.entries(stack.resource.aws_route53_record ?? {})
      .filter(([, r]) => (r as Body).alias === undefined)
      .map(([name]) => name);
    expect(names).toEqual([expect.stringMatching(/^hosting-certificate_validation-example_com_[0-9A-F]+$/)]);
    expect(String(validation[0]?.name)).toContain('o.domain_name == "*.example.com"');
    expect(validationHosts(['*.a.com', 'a.com', 'b.a.com'])).toEqual(['*.a.com', 'b.a.com']);
    expect(validationHosts(['a.com', 'b.a.com'])).toEqual(['a.com', 'b.a.com']);
  });

  it('keeps an alias record per tenant and app host, and none for the wildcard', () => {
    const names = ofType(stack, 'aws_route53_record')
      .filter((r) => r.alias !== undefined)
      .map((r) => `${r.type} ${r.name}`)
      .sort();
    const hosts = [...env.tenants.flatMap((t) => t.hosts), 'app.example.com', 'example.com'];
    expect(names).toEqual(hosts.flatMap((h) => [`A ${h}`, `AAAA ${h}`]).sort());
    expect(names.join()).not.toContain('*');
  });

  it('admits one label under the wildcard and the apex in forward-host', () => {
    const forwardHost = ofType(stack, 'aws_cloudfront_function').find((fn) =>
      String(fn.name).endsWith('forward-host'),
    );
    expect(String(forwardHost?.code)).toContain('var ALIASES = ["example.com"];');
    expect(String(forwardHost?.code)).toContain('var WILDCARD_SUFFIXES = [".example.com"];');
  });
});
