/**
 * Every environment variable the authorizer reads, declared once: `loadConfig` reads them,
 * infra's contract test checks what infra sets against them, the README's table lists them.
 * (`POWERTOOLS_LOG_LEVEL` / `AWS_LAMBDA_LOG_LEVEL` are read by the logger, see config.ts.)
 */
import { bool, int, oneOf, optionalString, requiredString } from '@cognito-tenancy/kit/env-spec';
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import { registryPrefix } from '@cognito-tenancy/registry/keys';
import { normalizeHost } from '@cognito-tenancy/registry/normalize';

/** Most pools an explicit list may name (the Lambda environment is 4 KB in total). */
export const MAX_TRUSTED_POOLS = 100;
/** Most hosts ALLOWED_UNREGISTERED_HOSTS may list (the Lambda environment is 4 KB in total). */
export const MAX_ALLOWED_HOSTS = 20;
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):([1-9]\d{0,4})$/;

const items = (value: string) => value.split(',').map((item) => item.trim());

const unless = (ok: boolean, problem: string) => (ok ? undefined : problem);

/** The checks behind the specs (each returns what is wrong, or `undefined`). */
export const checks = {
  prefix: (value: string) => {
    try {
      registryPrefix(value);
      return undefined;
    } catch {
      return 'must be an SSM path such as /cognito-tenancy/dev';
    }
  },
  tokenUses: (value: string) =>
    unless(
      items(value).every((use) => use === 'access' || use === 'id'),
      "must be 'access', 'id' or 'access,id'",
    ),
  poolIds: (value: string) => {
    const ids = items(value);
    return unless(
      ids.length <= MAX_TRUSTED_POOLS && ids.every((id) => USER_POOL_ID.test(id)),
      `must list 1 to ${MAX_TRUSTED_POOLS} user pool ids, comma-separated`,
    );
  },
  hosts: (value: string) => {
    const hosts = items(value);
    return unless(
      hosts.length <= MAX_ALLOWED_HOSTS && hosts.every((host) => normalizeHost(host).ok),
      `must list 1 to ${MAX_ALLOWED_HOSTS} host names, comma-separated (no scheme, port or path)`,
    );
  },
  loopbackOrigin: (value: string) => {
    const port = LOOPBACK_ORIGIN.exec(value);
    return unless(
      port !== null && Number(port[1]) <= 65535,
      'must be a loopback http origin such as http://127.0.0.1:9229',
    );
  },
};

/** The authorizer's variables. */
export const ENV_SPECS = {
  REGISTRY_PREFIX: requiredString({
    description: 'SSM path of the registry, e.g. `/cognito-tenancy/dev`',
    hint: 'an SSM path such as /cognito-tenancy/dev',
    check: checks.prefix,
  }),
  ACCEPTED_TOKEN_USE: optionalString({
    description: 'Token uses accepted: `access`, `id` or `access,id`',
    hint: "'access', 'id' or 'access,id'",
    default: 'access',
    check: checks.tokenUses,
  }),
  TRUSTED_USER_POOL_IDS: optionalString({
    description: `Only these pools can be trusted (still only if registered), hydrated at cold start; at most ${MAX_TRUSTED_POOLS}`,
    hint: 'user pool ids, comma-separated',
    check: checks.poolIds,
  }),
  ALLOW_UNREGISTERED_HOSTS: bool({
    description:
      'Accept valid tokens on ANY host that is not a registered tenant host (execute-api default domain, TOKEN events); exclusive with ALLOWED_UNREGISTERED_HOSTS',
    default: false,
  }),
  ALLOWED_UNREGISTERED_HOSTS: optionalString({
    description: `Unregistered hosts accepted for shared-pool tokens only (email discovery hosts); at most ${MAX_ALLOWED_HOSTS}`,
    hint: 'host names, comma-separated',
    check: checks.hosts,
  }),
  TRUSTED_HOST_HEADER: oneOf({
    description:
      "Read the tenant host from this header instead of `requestContext.domainName` (behind CloudFront, which overwrites it from the viewer's Host)",
    values: ['host', 'x-forwarded-host'],
  }),
  LOCAL_ISSUER_ORIGIN: optionalString({
    description: 'The loopback origin of cognito-local whose issuers may be trusted',
    hint: 'a loopback http origin such as http://127.0.0.1:9229',
    check: checks.loopbackOrigin,
    localOnly: true,
  }),
  CLOCK_SKEW_SECONDS: int({
    description: 'How far `nbf` and `iat` may be in the future (`exp` gets no skew)',
    default: 5,
    min: 0,
    max: 120,
  }),
  REGISTRY_TTL_SECONDS: int({
    description: 'How long a registry answer is reused',
    default: 300,
    min: 1,
    max: 3600,
  }),
  REGISTRY_NEGATIVE_TTL_SECONDS: int({
    description: 'How long "not registered" is remembered',
    default: 60,
    min: 1,
    max: 3600,
  }),
  REGISTRY_STALE_IF_ERROR_SECONDS: int({
    description: 'How long past its TTL a registry answer is used while SSM fails',
    default: 900,
    min: 0,
    max: 86_400,
  }),
  SSM_TIMEOUT_MS: int({ description: 'Per-attempt SSM timeout', default: 1000, min: 100, max: 10_000 }),
  REGISTRY_ISSUER_LOOKUPS_PER_SECOND: int({
    description: 'Issuer loads per second per instance (burst: twice that)',
    default: 5,
    min: 1,
    max: 1000,
  }),
  VERIFIED_TOKEN_TTL_SECONDS: int({
    description: 'How long a verified token decision is reused',
    default: 60,
    min: 0,
    max: 3600,
  }),
  VERIFIED_TOKEN_CACHE_SIZE: int({
    description: 'Verified decisions kept',
    default: 5000,
    min: 1,
    max: 100_000,
  }),
  JWKS_TIMEOUT_MS: int({ description: 'Timeout of one JWKS download', default: 1500, min: 100, max: 10_000 }),
  JWKS_COOLDOWN_SECONDS: int({
    description: 'Least time between two JWKS downloads of one issuer',
    default: 10,
    min: 1,
    max: 3600,
  }),
  JWKS_MAX_AGE_SECONDS: int({ description: 'Longest a JWKS is used', default: 3600, min: 60, max: 86_400 }),
  DEADLINE_MS: int({
    description: 'The whole decision is abandoned (401) after this long',
    default: 3000,
    min: 100,
    max: 25_000,
  }),
  HYDRATION_TIMEOUT_MS: int({
    description: 'Bound on the cold-start warm-up',
    default: 2000,
    min: 100,
    max: 9000,
  }),
  POLICY_SCOPE: oneOf({
    description:
      '`stage`: Allow the whole stage (required with result caching); `method`: only the called method',
    values: ['stage', 'method'],
    default: 'stage',
  }),
  REVOCATION_TABLE_NAME: optionalString({
    description: 'The revocations table (forced sign-out); unset: no revocation check',
    pattern: /^[A-Za-z0-9_.-]{3,255}$/,
    hint: 'a DynamoDB table name',
  }),
  // Short: this TTL is part of how long a revoked token can still pass (see README).
  REVOCATION_CACHE_TTL_SECONDS: int({
    description: 'How long a revocation answer is reused (needs REVOCATION_TABLE_NAME)',
    default: 30,
    min: 0,
    max: 300,
  }),
  REVOCATION_STALE_IF_ERROR_SECONDS: int({
    description: 'How long past its TTL a revocation answer is used while DynamoDB fails',
    default: 60,
    min: 0,
    max: 3600,
  }),
  REVOCATION_TIMEOUT_MS: int({
    description: 'Per-attempt DynamoDB timeout of the revocation check (two attempts)',
    default: 500,
    min: 50,
    max: 5000,
  }),
};

/** Revocation settings that mean nothing without the table. */
export const REVOCATION_SETTINGS = [
  'REVOCATION_CACHE_TTL_SECONDS',
  'REVOCATION_STALE_IF_ERROR_SECONDS',
  'REVOCATION_TIMEOUT_MS',
] as const;
