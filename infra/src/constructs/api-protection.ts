/** A regional WAF web ACL with the public-route rate limit, attached to the API stage. */
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { Construct } from 'constructs';
import { publicRateLimitRules } from '../waf-rules';

export interface ApiProtectionProps {
  readonly name: string;
  readonly stageArn: string;
  readonly limitPer5Minutes: number;
}

export class ApiProtection extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ApiProtectionProps) {
    super(scope, id);
    this.webAcl = new Wafv2WebAcl(this, 'acl', {
      name: props.name,
      description: 'Rate limit of the public discovery routes per client IP',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      ruleJson: publicRateLimitRules(props.limitPer5Minutes, props.name),
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
