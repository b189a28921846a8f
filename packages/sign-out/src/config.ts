/**
 * Configuration of sign-out, read once at cold start from the environment (specs in
 * `env-spec.ts`). `process.env` is read nowhere else (Powertools reads its own `POWERTOOLS_*`).
 */
import { type AwsCallBounds, awsBoundsOf, callTimeoutMs as boundOf } from '@cognito-tenancy/kit/aws-client';
import { type CacheTtls, cacheOf } from '@cognito-tenancy/kit/cache-specs';
import { type Env, readEnv } from '@cognito-tenancy/kit/read-env';
import { ENV_SPECS } from './env-spec';

export { ConfigError } from '@cognito-tenancy/kit/read-env';

/** Everything the handler needs that differs between deployments. */
export interface Config {
  /** The registry's tenant table (`TENANT#<tenantId>` items). */
  readonly tenantTableName: string;
  /** The revocations table the authorizer reads. */
  readonly revocationTableName: string;
  /**
   * How long a revocation item lives past its cut-off (its DynamoDB TTL): at least the
   * longest ID/access token lifetime of the environment, so no revoked token outlives it.
   */
  readonly revocationTtlSeconds: number;
  /** Added to the cut-off, so a token Cognito stamps with a clock slightly ahead is still revoked. */
  readonly clockSkewSeconds: number;
  /** Exact origins allowed to call the route from a browser (lowercase, no trailing slash). */
  readonly corsAllowedOrigins: readonly string[];
  readonly tenantCache: CacheTtls;
  /** Bounds of every AWS call (DynamoDB and Cognito). */
  readonly aws: AwsCallBounds;
}

/** Validates the environment; throws `ConfigError` listing every problem. */
export function loadConfig(env: Env): Config {
  const v = readEnv('sign-out', ENV_SPECS, env);
  return {
    tenantTableName: v.TENANT_TABLE_NAME,
    revocationTableName: v.REVOCATION_TABLE_NAME,
    revocationTtlSeconds: v.REVOCATION_TTL_SECONDS,
    clockSkewSeconds: v.CLOCK_SKEW_SECONDS,
    corsAllowedOrigins: v.CORS_ALLOWED_ORIGINS,
    tenantCache: cacheOf(v, 'TENANT_CACHE_'),
    aws: awsBoundsOf(v),
  };
}

/** The longest one AWS call may take, retries included. */
export const callTimeoutMs = (config: Config): number => boundOf(config.aws);
