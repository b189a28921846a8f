/**
 * The function's configuration, read from the environment once at cold start (specs in
 * `env-spec.ts`, read by the kit's `readEnv`). Every problem is collected and reported
 * together, so one deploy fixes them all.
 */
import { type AwsCallBounds, awsBoundsOf } from '@cognito-tenancy/kit/aws-client';
import { type Env, readEnv } from '@cognito-tenancy/kit/read-env';
import { registryPrefix } from '@cognito-tenancy/registry/keys';
import { ENV_SPECS } from './env-spec';

export { ConfigError } from '@cognito-tenancy/kit/read-env';

/** Request headers that may be trusted to carry the tenant host (instead of the custom domain). */
export type TrustedHostHeader = 'host' | 'x-forwarded-host';

/** Bounds of every SSM call (the kit's `AwsCallBounds`). */
export type SsmClientConfig = AwsCallBounds;

export interface Config {
  /** `<prefix>` of the registry, e.g. `/cognito-tenancy/prod`. */
  readonly registryPrefix: string;
  /** Undefined: the tenant is `requestContext.domainName` only. */
  readonly trustedHostHeader: TrustedHostHeader | undefined;
  /**
   * Look up a CloudFront distribution's own name (`d123.cloudfront.net`) like any host, so a
   * registered one resolves (dev without DNS); unregistered ones still answer "unknown".
   * Only with a trusted host header: `requestContext.domainName` is never such a name.
   */
  readonly allowDistributionHosts: boolean;
  /** Exact origins that may read the answer cross-origin; empty means same-origin only. */
  readonly corsAllowedOrigins: readonly string[];
  readonly cacheTtlSeconds: number;
  readonly negativeCacheTtlSeconds: number;
  readonly staleIfErrorSeconds: number;
  readonly cacheMaxEntries: number;
  readonly maxConcurrentLookups: number;
  readonly maxLookupsPerSecond: number;
  /** Bound on one lookup, retries included; past it the stale value (or a 503) is served. */
  readonly lookupTimeoutMs: number;
  readonly ssm: SsmClientConfig;
}

/** Validates the environment. Throws `ConfigError` listing every problem. */
export function loadConfig(env: Env): Config {
  const v = readEnv('config-resolver', ENV_SPECS, env, (values) =>
    values.ALLOW_DISTRIBUTION_HOSTS && values.TRUSTED_HOST_HEADER === undefined
      ? ['ALLOW_DISTRIBUTION_HOSTS=true needs TRUSTED_HOST_HEADER (the host CloudFront forwards)']
      : [],
  );
  return {
    registryPrefix: v.REGISTRY_PREFIX === '' ? '' : registryPrefix(v.REGISTRY_PREFIX),
    trustedHostHeader: v.TRUSTED_HOST_HEADER,
    allowDistributionHosts: v.ALLOW_DISTRIBUTION_HOSTS,
    corsAllowedOrigins: v.CORS_ALLOWED_ORIGINS,
    cacheTtlSeconds: v.CACHE_TTL_SECONDS,
    negativeCacheTtlSeconds: v.NEGATIVE_CACHE_TTL_SECONDS,
    staleIfErrorSeconds: v.STALE_IF_ERROR_SECONDS,
    cacheMaxEntries: v.CACHE_MAX_ENTRIES,
    maxConcurrentLookups: v.MAX_CONCURRENT_LOOKUPS,
    maxLookupsPerSecond: v.MAX_LOOKUPS_PER_SECOND,
    lookupTimeoutMs: v.LOOKUP_TIMEOUT_MS,
    ssm: awsBoundsOf(v, 'SSM_'),
  };
}
