/**
 * The per-client limit of the public discovery routes (`/config`, `/tenant-match`): the ones an
 * anonymous client could use to enumerate tenants, and which otherwise share one stage
 * throttle bucket, so one client could exhaust discovery for everyone. A WAF rate-based rule
 * keyed on the source IP, over WAF's 5-minute window: on the stage's regional web ACL without
 * hosting, on the distributions' CLOUDFRONT-scope ACL with it (the stage then sees edges).
 */
import { ROUTES } from '@cognito-tenancy/registry/routes';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The URI paths the rule counts, after URL-decoding and lower-casing: a public route's path,
 * after at most one leading segment (the stage name on the execute-api host; none on a custom
 * domain or behind CloudFront), with repeated or trailing slashes, which API Gateway routes to
 * the same method: `/dev/config`, `/config/`, `//tenant-match`, `/dev/confi%67` all count.
 */
export function publicPathRegex(): string {
  const paths = ROUTES.filter((route) => route.auth === 'public').map((route) =>
    escapeRegex(route.path.replace(/^\/+/, '').toLowerCase()),
  );
  return `^(/[^/]*)?/+(${paths.join('|')})/*$`;
}

/** WAF rules JSON (`rule_json`): the provider's typed blocks cannot nest a rate rule's scope-down. */
export function publicRateLimitRules(limitPer5Minutes: number, metricPrefix: string): string {
  return JSON.stringify([
    {
      Name: 'public-routes-rate-limit',
      Priority: 0,
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: limitPer5Minutes,
          AggregateKeyType: 'IP',
          ScopeDownStatement: {
            RegexMatchStatement: {
              FieldToMatch: { UriPath: {} },
              RegexString: publicPathRegex(),
              TextTransformations: [
                { Priority: 0, Type: 'URL_DECODE' },
                { Priority: 1, Type: 'LOWERCASE' },
              ],
            },
          },
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
