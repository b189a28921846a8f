import { describe, expect, it } from '@jest/globals';
import { publicRateLimitRules } from '../../src/waf-rules';
import { type Body, ref, resources } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

/**
 * Without hosting, the stage's regional web ACL sees the clients' own addresses: the per-IP
 * limit of the discovery routes sits there (no file in environments/ has WAF without hosting).
 */
function demoWith(api: Record<string, unknown>): Record<string, unknown> {
  const raw = rawEnvironment('demo');
  return { ...raw, api: { ...(raw.api as object), ...api } };
}

describe('discovery rate limit per client without hosting', () => {
  it('puts the per-IP rule of the public routes on the stage’s regional ACL when WAF is on', () => {
    const s = synthVariant(demoWith({ wafRateLimitPer5Minutes: 600 }));
    expect(s.provider).not.toHaveProperty('aws.1');
    const acls = resources(s, 'aws_wafv2_web_acl');
    expect(acls).toHaveLength(1);
    const [aclKey, acl] = acls[0]!;
    expect(acl.scope).toBe('REGIONAL');
    const rules = JSON.parse(acl.rule_json) as Body[];
    expect(rules).toEqual(JSON.parse(publicRateLimitRules(600, acl.name)));
    expect(rules[0]!.Statement.RateBasedStatement).toMatchObject({ Limit: 600, AggregateKeyType: 'IP' });
    const [, association] = resources(s, 'aws_wafv2_web_acl_association')[0]!;
    expect(association.web_acl_arn).toBe(ref('aws_wafv2_web_acl', aclKey, 'arn'));
    const [stageKey] = resources(s, 'aws_api_gateway_stage')[0]!;
    expect(association.resource_arn).toBe(ref('aws_api_gateway_stage', stageKey, 'arn'));
    expect(resources(s, 'aws_cloudfront_distribution')).toEqual([]);
  });

  it('adds no web ACL (and no WAF cost) when the file names no limit', () => {
    const s = synthVariant(demoWith({}));
    expect(resources(s, 'aws_wafv2_web_acl')).toEqual([]);
    expect(resources(s, 'aws_wafv2_web_acl_association')).toEqual([]);
  });
});
