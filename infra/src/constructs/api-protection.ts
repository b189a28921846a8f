/**
 * A regional WAF web ACL on the API stage: the public-route rate limit, and with hosting the
 * origin secret rule (calls that did not come through CloudFront are blocked before any
 * Lambda runs). A stage takes one web ACL, so both live here.
 */
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { Construct } from 'constructs';
import { jsonAttribute } from '../json-attribute';
import { originSecretRule } from '../origin-secret-rules';
import { publicRateLimitRules } from '../waf-rules';

export interface ApiProtectionProps {
  readonly name: string;
  readonly stageArn: string;
  /** Per-IP limit of the public routes; absent: no rate rule. */
  readonly limitPer5Minutes?: number;
  /** Origin secret values the gateway accepts (hosting); absent: no origin rule. */
  readonly originSecrets?: readonly string[];
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
    ].map((rule, priority) => ({ ...rule, Priority: priority }));
    this.webAcl = new Wafv2WebAcl(this, 'acl', {
      name: props.name,
      description: 'Origin secret (calls through CloudFront only) and the public-route rate limit',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      ruleJson: jsonAttribute(this, rules),
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        metricName: props.name,
        sampledRequestsEnabled: true,
      },
    });
    new Wafv2WebAclAssociation(this, 'association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.arn,
    });
  }
}
