/**
 * The trigger's configuration, parsed once at cold start from the environment (specs in
 * `env-spec.ts`, read by the kit's `readEnv`).
 * Every problem is reported at once, so a misconfigured function fails on deploy,
 * not on the thousandth sign-in. `process.env` is read only by `handler.ts`.
 */
import { type Env, readEnv } from '@cognito-tenancy/kit/read-env';
import { ENV_SPECS } from './env-spec';

export { ConfigError } from '@cognito-tenancy/kit/read-env';
export { MAX_DYNAMODB_TIMEOUT_MS } from './env-spec';

/** `enforce`: a foreign email domain fails the sign-in. `flag`: it is logged and `custom:domainName` is left out. */
export type EmailDomainCheck = 'enforce' | 'flag';

export interface Config {
  /** DynamoDB tenant table (`TENANT_TABLE_NAME`). */
  readonly tenantTableName: string;
  /** The shared pools, one per shard (`SHARED_USER_POOL_IDS`); every other pool is a dedicated tenant pool. */
  readonly sharedUserPoolIds: ReadonlySet<string>;
  readonly emailDomainCheck: EmailDomainCheck;
  /** Issue tokens without tenant claims when no tenant can be bound (`ALLOW_TOKENS_WITHOUT_TENANT`). */
  readonly allowTokensWithoutTenant: boolean;
  /** At most this many IdP groups go into `cognito:groups`. */
  readonly maxGroups: number;
  /** At most this many bytes of IdP groups (as a JSON array) go into `cognito:groups`. */
  readonly maxGroupsBytes: number;
  readonly cacheTtlMs: number;
  readonly negativeCacheTtlMs: number;
  readonly staleIfErrorMs: number;
  readonly cacheMaxEntries: number;
  /** Per-attempt DynamoDB request timeout; there are at most two attempts. */
  readonly dynamodbTimeoutMs: number;
  /** Local only: accept cognito-local's `version: "0"` events (region `local`) as V1. */
  readonly cognitoLocalCompat: boolean;
}

/** Parses and validates the environment. Throws `ConfigError` listing every problem. */
export function loadConfig(env: Env): Config {
  const v = readEnv('pre-token-gen', ENV_SPECS, env);
  return {
    tenantTableName: v.TENANT_TABLE_NAME,
    sharedUserPoolIds: new Set(v.SHARED_USER_POOL_IDS),
    emailDomainCheck: v.EMAIL_DOMAIN_CHECK,
    allowTokensWithoutTenant: v.ALLOW_TOKENS_WITHOUT_TENANT,
    maxGroups: v.MAX_GROUPS,
    maxGroupsBytes: v.MAX_GROUPS_BYTES,
    cacheTtlMs: v.CACHE_TTL_SECONDS * 1000,
    negativeCacheTtlMs: v.NEGATIVE_CACHE_TTL_SECONDS * 1000,
    staleIfErrorMs: v.STALE_IF_ERROR_SECONDS * 1000,
    cacheMaxEntries: v.CACHE_MAX_ENTRIES,
    dynamodbTimeoutMs: v.DYNAMODB_TIMEOUT_MS,
    // Local only (the kit refuses it inside AWS Lambda); events are gated too.
    cognitoLocalCompat: v.COGNITO_LOCAL_COMPAT,
  };
}
