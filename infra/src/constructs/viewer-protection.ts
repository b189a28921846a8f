/**
 * Per-client rate limits behind CloudFront. The stage's regional web ACL sees CloudFront's
 * edge addresses as the source of every request, so a per-IP rule there would count edges
 * (and throttle everyone behind one); `X-Forwarded-For` is client-writable. A CLOUDFRONT-scope
 * web ACL (us-east-1) on the distributions sees the viewer's address: the same public-route
 * rule lives there when hosting is on.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Construct } from 'constructs';
import { jsonAttribute } from '../json-attribute';
import { publicRateLimitRules } from '../waf-rules';

export interface ViewerProtectionProps {
  readonly name: string;
  readonly limitPer5Minutes: number;
  /** The us-east-1 provider: CLOUDFRONT-scope web ACLs exist only there. */
  readonly east: AwsProvider;
}

export class ViewerProtection extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ViewerProtectionProps) {
    super(scope, id);
    this.webAcl = new Wafv2WebAcl(this, 'acl', {
      provider: props.east,
      name: props.name,
      description: 'Rate limit of the public discovery routes per viewer IP (CloudFront)',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      ruleJson: jsonAttribute(this, JSON.parse(publicRateLimitRules(props.limitPer5Minutes, props.name))),
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        metricName: props.name,
        sampledRequestsEnabled: true,
      },
    });
  }
}
