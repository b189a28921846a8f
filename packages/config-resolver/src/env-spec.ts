/**
 * Every environment variable config-resolver reads, declared once: `loadConfig` reads them,
 * infra's contract test checks what infra sets against them, the README's table lists them.
 *
 * Defaults: a tenant's sign-in config changes rarely (5 min is fine), an unknown host must
 * not be re-asked on every request (1 min), and an SSM outage should not stop sign-in for a
 * tenant we already know (1 h stale). 10 lookups/s per instance keeps a handful of instances
 * under SSM's default 40 TPS account-wide GetParameter quota.
 */
import { awsCallSpecs } from '@cognito-tenancy/kit/aws-client';
import { bool, int, oneOf, requiredString } from '@cognito-tenancy/kit/env-spec';
import { corsAllowedOrigins } from '@cognito-tenancy/kit/origins';
import { registryPrefix } from '@cognito-tenancy/registry/keys';

function prefixProblem(value: string): string | undefined {
  try {
    registryPrefix(value);
    return undefined;
  } catch {
    return 'must be 1-5 SSM path levels of [A-Za-z0-9_.-], starting with /';
  }
}

/** config-resolver's variables. */
export const ENV_SPECS = {
  REGISTRY_PREFIX: requiredString({
    description:
      "SSM path of the environment's registry, e.g. `/cognito-tenancy/prod` (1-5 levels of `[A-Za-z0-9_.-]`)",
    hint: 'for example /cognito-tenancy/prod',
    check: prefixProblem,
  }),
  TRUSTED_HOST_HEADER: oneOf({
    description:
      'Read the tenant host from that header instead of `requestContext.domainName` (see above); unset: domainName only',
    values: ['host', 'x-forwarded-host'],
  }),
  ALLOW_DISTRIBUTION_HOSTS: bool({
    description:
      '`true`: look up `d<id>.cloudfront.net` hosts too (dev without DNS, see above); needs `TRUSTED_HOST_HEADER`',
    default: false,
  }),
  CORS_ALLOWED_ORIGINS: corsAllowedOrigins(
    'Exact origins (`https://app.example.com`); `http://` only for `localhost`, `*.localhost`, `127.0.0.1`, `[::1]`; `*` and `null` are refused; none: no CORS headers',
  ),
  CACHE_TTL_SECONDS: int({
    description: "How long a found config is served from memory; also the browser's `max-age` on a 200",
    default: 300,
    min: 0,
    max: 86_400,
  }),
  NEGATIVE_CACHE_TTL_SECONDS: int({
    description: 'How long "unknown host" is remembered; also the `max-age` on a 404',
    default: 60,
    min: 0,
    max: 3_600,
  }),
  STALE_IF_ERROR_SECONDS: int({
    description: 'How long past its TTL a config may still be served when SSM fails',
    default: 3_600,
    min: 0,
    max: 604_800,
  }),
  CACHE_MAX_ENTRIES: int({
    description: 'Hosts remembered at most (LRU), found and unknown together',
    default: 5_000,
    min: 1,
    max: 1_000_000,
  }),
  MAX_CONCURRENT_LOOKUPS: int({
    description: 'Distinct hosts loaded from SSM at once; more misses get a 503 at once',
    default: 10,
    min: 1,
    max: 1_000,
  }),
  MAX_LOOKUPS_PER_SECOND: int({
    description:
      'SSM lookups per second per instance (token bucket, burst of the same size); over it a miss gets a stale value or a 503',
    default: 10,
    min: 1,
    max: 10_000,
  }),
  LOOKUP_TIMEOUT_MS: int({
    description: 'Bound on one lookup including SDK retries; past it: stale value or 503',
    default: 3_000,
    min: 100,
    max: 60_000,
  }),
  ...awsCallSpecs({ requestTimeoutMs: 1_000, connectionTimeoutMs: 500, maxAttempts: 2 }, 'SSM_', {
    minTimeoutMs: 100,
    maxTimeoutMs: 30_000,
    maxAttempts: 5,
  }),
};
