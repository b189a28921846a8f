/**
 * A regional WAF web ACL on the API stage: the public-route rate limit, and with hosting the
 * origin secret rule (calls that did not come through CloudFront are blocked before any
 * Lambda runs). A stage takes one web ACL, so both live here.
 */
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { Construct } from 'constructs';
import { jsonAttribute } from '../json-attribute';
import { ORIGIN_SECRET_RULE_NAME, originSecretRule } from '../origin-secret-rules';
import { publicRateLimitRules } from '../waf-rules';

export interface ApiProtectionProps {
  readonly name: string;
  readonly stageArn: string;
  /** Per-IP limit of the public routes; absent: no rate rule. */
  readonly limitPer5Minutes?: number;
  /** Origin secret values the gateway accepts (hosting); absent: no origin rule. */
  readonly originSecrets?: readonly string[];
}

/**
 * With the origin secret rule, every request another rule or the default action sees has
 * passed it, so it carries the secret in `x-origin-verify`; WAF's sampled requests
 * (`GetSampledRequests`, the console) show request headers and cannot redact one, so those
 * samples are off. The origin rule keeps its samples: it matches only requests that lack a
 * valid secret.
 */
function withoutSecretSamples(rule: object): object {
  const named = rule as { Name?: string; VisibilityConfig?: object };
  if (named.Name === ORIGIN_SECRET_RULE_NAME || named.VisibilityConfig === undefined) return rule;
  return { ...rule, VisibilityConfig: { ...named.VisibilityConfig, SampledRequestsEnabled: false } };
}

export class ApiProtection extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ApiProtectionProps) {
    super(scope, id);
    // The origin rule first: a call that skipped CloudFront is refused whatever else it is.
    const rules: object[] = [
      ...(props.originSecrets === undefined ? [] : [originSecretRule(props.originSecrets, props.name, 0)]),
      ...(props.limitPer5Minutes === undefined
        ? []
        : (JSON.parse(publicRateLimitRules(props.limitPer5Minutes, props.name)) as object[])),
    ]
      .map((rule, priority) => ({ ...rule, Priority: priority }))
      .map((rule) => (props.originSecrets === undefined ? rule : withoutSecretSamples(rule)));
    this.webAcl = new Wafv2WebAcl(this, 'acl', {
      name: props.name,
      description: 'Origin secret (calls through CloudFront only) and the public-route rate limit',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      ruleJson: jsonAttribute(this, rules),
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        metricName: props.name,
        // Requests the ACL lets through carry the origin secret, and WAF cannot redact samples.
        sampledRequestsEnabled: props.originSecrets === undefined,
      },
    });
    new Wafv2WebAclAssociation(this, 'association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.arn,
    });
  }
}
