/**
 * Every environment variable pre-token-gen reads, declared once: `loadConfig` reads them,
 * infra's contract test checks what infra sets against them, the README's table lists them.
 */
import { bool, int, list, oneOf, tableName } from '@cognito-tenancy/kit/env-spec';
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';

/**
 * Bounds of `DYNAMODB_TIMEOUT_MS`: two attempts of at most 1.5 s plus backoff stay well
 * inside Cognito's 5 s trigger limit, which also covers the cold start.
 */
export const MAX_DYNAMODB_TIMEOUT_MS = 1500;

/** pre-token-gen's variables. */
export const ENV_SPECS = {
  TENANT_TABLE_NAME: tableName('DynamoDB tenant table (partition key `pk`)'),
  // Every shard of the shared pool (shared-00, shared-01, ...): each holds at most 300 IdPs.
  SHARED_USER_POOL_IDS: list({
    description:
      'The shared pools: the user pool id (<region>_<id>) of every shard (`shared-00`, `shared-01`, ...), comma-separated; events from any other pool are dedicated pools (`POOL#<poolId>`). Unset: every pool is dedicated',
    item: (value) =>
      USER_POOL_ID.test(value) ? { value } : { problem: `'${value}' is not a user pool id (<region>_<id>)` },
  }),
  EMAIL_DOMAIN_CHECK: oneOf({
    description:
      '`enforce`: a missing/invalid email or a domain not of the tenant fails the sign-in. `flag`: the tenant is bound anyway, `custom:domainName` is left out, the log says why',
    values: ['enforce', 'flag'],
    default: 'enforce',
  }),
  ALLOW_TOKENS_WITHOUT_TENANT: bool({
    description:
      '`true`: when no tenant can be named (a native shared-pool user, or no registry item for the IdP/pool), issue tokens with both tenant claims suppressed and no groups instead of failing. Never for malformed or multi-provider `identities`, email mismatches or store errors',
    default: false,
  }),
  // 50 groups / 2,048 bytes: what one Cognito attribute can carry, and well under header limits.
  MAX_GROUPS: int({
    description: 'At most this many IdP groups go into `cognito:groups`',
    default: 50,
    min: 0,
    max: 200,
  }),
  MAX_GROUPS_BYTES: int({
    description: 'At most this many bytes of IdP groups (as a JSON array) go into `cognito:groups`',
    default: 2048,
    min: 2,
    max: 8192,
  }),
  CACHE_TTL_SECONDS: int({
    description: 'How long a found registry item is reused',
    default: 300,
    min: 0,
    max: 3600,
  }),
  NEGATIVE_CACHE_TTL_SECONDS: int({
    description: 'How long "no such IdP/pool" is remembered',
    default: 30,
    min: 0,
    max: 3600,
  }),
  STALE_IF_ERROR_SECONDS: int({
    description: 'How long past expiry an item is still served when DynamoDB fails',
    default: 3600,
    min: 0,
    max: 86_400,
  }),
  CACHE_MAX_ENTRIES: int({ description: 'Items kept (LRU)', default: 1000, min: 1, max: 100_000 }),
  DYNAMODB_TIMEOUT_MS: int({
    description:
      "Per-attempt request timeout, enforced (`throwOnRequestTimeout`); at most 2 attempts; one lookup is cut off after `2 x timeout + 250 ms` (2.25 s by default), well inside Cognito's 5 s",
    default: 1000,
    min: 50,
    max: MAX_DYNAMODB_TIMEOUT_MS,
  }),
  COGNITO_LOCAL_COMPAT: bool({
    description:
      'Accept cognito-local\'s `version: "0"` events (only with `region: "local"`) as V1 and also put `cognito:groups` into `claimsToAddOrOverride`, which the emulator needs',
    default: false,
    localOnly: true,
  }),
};
