/**
 * The WAF rule that makes API Gateway refuse calls that did not come through CloudFront:
 * block unless the origin secret header equals one of the accepted values. WAF runs before
 * API Gateway, so such a call never reaches the authorizer or any Lambda.
 */
import { ORIGIN_SECRET_HEADER } from './origin-secret';

export const ORIGIN_SECRET_RULE_NAME = 'require-cloudfront-origin-secret';

/** WAF rule (`rule_json` shape) blocking requests without an accepted origin secret. */
export function originSecretRule(
  accepted: readonly string[],
  metricPrefix: string,
  priority: number,
): object {
  if (accepted.length === 0) throw new Error('originSecretRule: at least one accepted value');
  const matches = accepted.map((value) => ({
    ByteMatchStatement: {
      FieldToMatch: { SingleHeader: { Name: ORIGIN_SECRET_HEADER } },
      PositionalConstraint: 'EXACTLY',
      SearchString: value,
      TextTransformations: [{ Priority: 0, Type: 'NONE' }],
    },
  }));
  const anyAccepted = matches.length === 1 ? matches[0] : { OrStatement: { Statements: matches } };
  return {
    Name: ORIGIN_SECRET_RULE_NAME,
    Priority: priority,
    Action: { Block: {} },
    Statement: { NotStatement: { Statement: anyAccepted } },
    VisibilityConfig: {
      CloudWatchMetricsEnabled: true,
      MetricName: `${metricPrefix}-origin-secret`,
      // Its samples are the blocked requests: none of them carries an accepted secret.
      SampledRequestsEnabled: true,
    },
  };
}
