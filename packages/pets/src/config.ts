/**
 * Configuration of the pets service, read once at cold start from the environment (specs in
 * `env-spec.ts`). `process.env` is read nowhere else (Powertools reads its own `POWERTOOLS_*`).
 */
import { type AwsCallBounds, awsBoundsOf, callTimeoutMs as boundOf } from '@cognito-tenancy/kit/aws-client';
import { type CacheTtls, cacheOf } from '@cognito-tenancy/kit/cache-specs';
import { type Env, readEnv } from '@cognito-tenancy/kit/read-env';
import { ENV_SPECS } from './env-spec';

export { ConfigError } from '@cognito-tenancy/kit/read-env';

/** Everything the handler needs that differs between deployments. */
export interface Config {
  /** The registry's tenant table (`TENANT#<tenantId>` items: the tenant's admin group). */
  readonly tenantTableName: string;
  /** The pets table (`pk` = `TENANT#<tenantId>`, `sk` = `PET#<petId>`). */
  readonly petsTableName: string;
  /** Exact origins allowed to call from a browser (lowercase, no trailing slash). */
  readonly corsAllowedOrigins: readonly string[];
  /** Most pets one `GET /pets` returns (one Query page). */
  readonly listLimit: number;
  readonly tenantCache: CacheTtls;
  /** Bounds of every DynamoDB call. */
  readonly aws: AwsCallBounds;
}

/** Validates the environment; throws `ConfigError` listing every problem. */
export function loadConfig(env: Env): Config {
  const v = readEnv('pets', ENV_SPECS, env);
  return {
    tenantTableName: v.TENANT_TABLE_NAME,
    petsTableName: v.PETS_TABLE_NAME,
    corsAllowedOrigins: v.CORS_ALLOWED_ORIGINS,
    listLimit: v.PETS_LIST_LIMIT,
    tenantCache: cacheOf(v, 'TENANT_CACHE_'),
    aws: awsBoundsOf(v),
  };
}

/** The longest one DynamoDB call may take, retries included. */
export const callTimeoutMs = (config: Config): number => boundOf(config.aws);
