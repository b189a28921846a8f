/**
 * The optional WAF rule: a per-IP rate limit on the public discovery routes, the ones an
 * anonymous client could use to enumerate tenants. WAF counts over a 5-minute window.
 */
import { ROUTES } from '@cognito-tenancy/registry/routes';

/** WAF rules JSON (`rule_json`): the provider's typed blocks cannot nest a scope-down OR. */
export function publicRateLimitRules(limitPer5Minutes: number, metricPrefix: string): string {
  const publicPaths = ROUTES.filter((route) => route.auth === 'public').map((route) => route.path);
  // ENDS_WITH: the path carries the stage name on the execute-api host and none on a custom domain.
  const matches = publicPaths.map((path) => ({
    ByteMatchStatement: {
      FieldToMatch: { UriPath: {} },
      PositionalConstraint: 'ENDS_WITH',
      SearchString: path,
      TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
    },
  }));
  const scopeDown = matches.length === 1 ? matches[0] : { OrStatement: { Statements: matches } };
  return JSON.stringify([
    {
      Name: 'public-routes-rate-limit',
      Priority: 0,
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: limitPer5Minutes,
          AggregateKeyType: 'IP',
          ScopeDownStatement: scopeDown,
        },
      },
      VisibilityConfig: {
        CloudWatchMetricsEnabled: true,
        MetricName: `${metricPrefix}-public-rate-limit`,
        SampledRequestsEnabled: true,
      },
    },
  ]);
}
