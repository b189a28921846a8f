/**
 * Configuration of tenant-match, read once at cold start from the environment (specs in
 * `env-spec.ts`). `process.env` is read nowhere else (Powertools reads its own `POWERTOOLS_*`).
 */
import { type AwsCallBounds, awsBoundsOf, callTimeoutMs } from '@cognito-tenancy/kit/aws-client';
import { type CacheTtls, cacheOf } from '@cognito-tenancy/kit/cache-specs';
import { type Env, readEnv } from '@cognito-tenancy/kit/read-env';
import { ENV_SPECS } from './env-spec';

export { ConfigError } from '@cognito-tenancy/kit/read-env';

/** Everything the handler needs that differs between deployments. */
export interface Config {
  readonly tableName: string;
  /** Exact origins allowed to call the endpoint from a browser (lowercase, no trailing slash). */
  readonly corsAllowedOrigins: readonly string[];
  readonly cache: CacheTtls & {
    readonly maxEntries: number;
    readonly maxConcurrentLoads: number;
  };
  readonly dynamodb: AwsCallBounds;
}

/** Validates the environment; throws `ConfigError` listing every problem. */
export function loadConfig(env: Env): Config {
  const v = readEnv('tenant-match', ENV_SPECS, env);
  return {
    tableName: v.TENANT_TABLE_NAME,
    corsAllowedOrigins: v.CORS_ALLOWED_ORIGINS,
    cache: {
      ...cacheOf(v, 'CACHE_'),
      maxEntries: v.CACHE_MAX_ENTRIES,
      maxConcurrentLoads: v.CACHE_MAX_CONCURRENT_LOADS,
    },
    dynamodb: awsBoundsOf(v, 'DYNAMODB_'),
  };
}

/**
 * The longest one lookup may take, retries included, before the cache gives up on it:
 * every attempt may use its full connection and request timeout.
 */
export const lookupTimeoutMs = (config: Config): number => callTimeoutMs(config.dynamodb);
