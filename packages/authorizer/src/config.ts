/**
 * The authorizer's configuration, read once from the environment at cold start. Every
 * problem is reported at once, so a misconfigured function fails at init, not on the
 * thousandth request. `process.env` is read nowhere else.
 */
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import { registryPrefix } from '@cognito-tenancy/registry/keys';
import { normalizeHost } from '@cognito-tenancy/registry/normalize';
import { type LogLevelName, logLevelFrom } from './json-line-logger';

export type TokenUse = 'access' | 'id';

/** Request headers that may carry the tenant host when something in front overwrites them. */
export type TrustedHostHeader = 'host' | 'x-forwarded-host';

export interface AuthorizerConfig {
  /** SSM prefix of the registry (`/cognito-tenancy/<env>`). */
  readonly registryPrefix: string;
  /** Token uses accepted; `access` only unless configured. */
  readonly acceptedTokenUse: readonly TokenUse[];
  /** When set, only these pools can be trusted (still only if registered); hydrated at cold start. */
  readonly trustedUserPoolIds: readonly string[] | undefined;
  /**
   * Accept valid tokens on ANY host that is not a registered tenant host (the `execute-api`
   * default domain, TOKEN events). Cannot be combined with `allowedUnregisteredHosts`.
   */
  readonly allowUnregisteredHosts: boolean;
  /**
   * Unregistered hosts that are accepted, normalised (the shared tenants' email discovery
   * hosts); only shared-pool tokens are accepted there. Empty: every host must be registered.
   */
  readonly allowedUnregisteredHosts: readonly string[];
  /**
   * Read the tenant host from this request header instead of `requestContext.domainName`
   * (behind CloudFront, which overwrites it from the viewer's Host). Undefined: the domain.
   */
  readonly trustedHostHeader: TrustedHostHeader | undefined;
  /** Local-only: the loopback origin of cognito-local whose issuers may be trusted. */
  readonly localIssuerOrigin: string | undefined;
  readonly clockSkewSeconds: number;
  readonly registryTtlSeconds: number;
  readonly registryNegativeTtlSeconds: number;
  readonly registryStaleIfErrorSeconds: number;
  readonly ssmTimeoutMs: number;
  /** Log level from POWERTOOLS_LOG_LEVEL / AWS_LAMBDA_LOG_LEVEL (unknown values: INFO). */
  readonly logLevel: LogLevelName;
  /** Issuer loads per second per instance (burst: twice that); see registry-reader.ts. */
  readonly issuerLookupsPerSecond: number;
  readonly verifiedTokenTtlSeconds: number;
  readonly verifiedTokenCacheSize: number;
  readonly jwksTimeoutMs: number;
  readonly jwksCooldownSeconds: number;
  readonly jwksMaxAgeSeconds: number;
  readonly deadlineMs: number;
  readonly hydrationTimeoutMs: number;
  /** `stage`: Allow the whole stage (required with result caching). `method`: only the called method. */
  readonly policyScope: 'stage' | 'method';
  /** Forced sign-out check; off (undefined) unless `REVOCATION_TABLE_NAME` is set. */
  readonly revocation: RevocationConfig | undefined;
}

/** The revocations table and how its answers are cached. */
export interface RevocationConfig {
  readonly tableName: string;
  readonly cacheTtlSeconds: number;
  readonly staleIfErrorSeconds: number;
  /** Per-attempt DynamoDB request timeout (two attempts). */
  readonly timeoutMs: number;
}

/** Every problem found in the environment, in one message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid authorizer configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Most pools an explicit list may name (the Lambda environment is 4 KB in total). */
const MAX_TRUSTED_POOLS = 100;
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):([1-9]\d{0,4})$/;

function integer(env: Env, problems: string[], name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function tokenUses(raw: string | undefined, problems: string[]): TokenUse[] {
  if (raw === undefined || raw === '') return ['access'];
  const uses = [...new Set(raw.split(',').map((s) => s.trim()))];
  if (uses.some((u) => u !== 'access' && u !== 'id')) {
    problems.push("ACCEPTED_TOKEN_USE must be 'access', 'id' or 'access,id'");
    return ['access'];
  }
  return uses as TokenUse[];
}

function poolIds(raw: string | undefined, problems: string[]): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.length > MAX_TRUSTED_POOLS || ids.some((id) => !USER_POOL_ID.test(id))) {
    problems.push(`TRUSTED_USER_POOL_IDS must list 1 to ${MAX_TRUSTED_POOLS} user pool ids, comma-separated`);
    return undefined;
  }
  return [...new Set(ids)];
}

function localOrigin(env: Env, problems: string[]): string | undefined {
  const raw = env.LOCAL_ISSUER_ORIGIN;
  if (raw === undefined || raw === '') return undefined;
  // The Lambda runtime sets AWS_EXECUTION_ENV; a local issuer is never trusted there.
  if (env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')) {
    problems.push('LOCAL_ISSUER_ORIGIN is for local stacks only and is refused in the Lambda runtime');
    return undefined;
  }
  const port = LOOPBACK_ORIGIN.exec(raw);
  if (!port || Number(port[1]) > 65535) {
    problems.push('LOCAL_ISSUER_ORIGIN must be a loopback http origin such as http://127.0.0.1:9229');
    return undefined;
  }
  return raw;
}

// DynamoDB table names: 3-255 of [a-zA-Z0-9_.-].
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const REVOCATION_SETTINGS = [
  'REVOCATION_CACHE_TTL_SECONDS',
  'REVOCATION_STALE_IF_ERROR_SECONDS',
  'REVOCATION_TIMEOUT_MS',
];

function revocation(env: Env, problems: string[]): RevocationConfig | undefined {
  const tableName = env.REVOCATION_TABLE_NAME;
  if (tableName === undefined || tableName === '') {
    const stray = REVOCATION_SETTINGS.filter((name) => (env[name] ?? '') !== '');
    if (stray.length > 0) problems.push(`${stray.join(', ')} set without REVOCATION_TABLE_NAME`);
    return undefined;
  }
  if (!TABLE_NAME.test(tableName)) problems.push('REVOCATION_TABLE_NAME must be a DynamoDB table name');
  return {
    tableName,
    // Short: this TTL is part of how long a revoked token can still pass (see README).
    cacheTtlSeconds: integer(env, problems, 'REVOCATION_CACHE_TTL_SECONDS', 30, 0, 300),
    staleIfErrorSeconds: integer(env, problems, 'REVOCATION_STALE_IF_ERROR_SECONDS', 60, 0, 3600),
    timeoutMs: integer(env, problems, 'REVOCATION_TIMEOUT_MS', 500, 50, 5000),
  };
}

function trustedHeader(env: Env, problems: string[]): TrustedHostHeader | undefined {
  const raw = env.TRUSTED_HOST_HEADER?.trim().toLowerCase() ?? '';
  if (raw === '') return undefined;
  if (raw === 'host' || raw === 'x-forwarded-host') return raw;
  problems.push('TRUSTED_HOST_HEADER must be empty, host or x-forwarded-host');
  return undefined;
}

/** Most hosts ALLOWED_UNREGISTERED_HOSTS may list (the Lambda environment is 4 KB in total). */
const MAX_ALLOWED_HOSTS = 20;

function allowedHosts(env: Env, problems: string[]): string[] {
  const raw = env.ALLOWED_UNREGISTERED_HOSTS?.trim() ?? '';
  if (raw === '') return [];
  const hosts = raw.split(',').map((entry) => normalizeHost(entry.trim()));
  if (hosts.length > MAX_ALLOWED_HOSTS || hosts.some((host) => !host.ok)) {
    problems.push(
      `ALLOWED_UNREGISTERED_HOSTS must list 1 to ${MAX_ALLOWED_HOSTS} host names, comma-separated (no scheme, port or path)`,
    );
    return [];
  }
  return [...new Set(hosts.flatMap((host) => (host.ok ? [host.value] : [])))];
}

function flag(env: Env, problems: string[], name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  problems.push(`${name} must be 'true' or 'false'`);
  return false;
}

/** Validates the environment; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env): AuthorizerConfig {
  const problems: string[] = [];
  let prefix = '';
  try {
    prefix = registryPrefix(env.REGISTRY_PREFIX ?? '');
  } catch {
    problems.push('REGISTRY_PREFIX is required: an SSM path such as /cognito-tenancy/dev');
  }
  const scope = env.POLICY_SCOPE ?? 'stage';
  if (scope !== 'stage' && scope !== 'method') problems.push("POLICY_SCOPE must be 'stage' or 'method'");
  const config: AuthorizerConfig = {
    registryPrefix: prefix,
    acceptedTokenUse: tokenUses(env.ACCEPTED_TOKEN_USE, problems),
    trustedUserPoolIds: poolIds(env.TRUSTED_USER_POOL_IDS, problems),
    allowUnregisteredHosts: flag(env, problems, 'ALLOW_UNREGISTERED_HOSTS'),
    allowedUnregisteredHosts: allowedHosts(env, problems),
    trustedHostHeader: trustedHeader(env, problems),
    localIssuerOrigin: localOrigin(env, problems),
    clockSkewSeconds: integer(env, problems, 'CLOCK_SKEW_SECONDS', 5, 0, 120),
    registryTtlSeconds: integer(env, problems, 'REGISTRY_TTL_SECONDS', 300, 1, 3600),
    registryNegativeTtlSeconds: integer(env, problems, 'REGISTRY_NEGATIVE_TTL_SECONDS', 60, 1, 3600),
    registryStaleIfErrorSeconds: integer(env, problems, 'REGISTRY_STALE_IF_ERROR_SECONDS', 900, 0, 86400),
    ssmTimeoutMs: integer(env, problems, 'SSM_TIMEOUT_MS', 1000, 100, 10000),
    logLevel: logLevelFrom(env),
    issuerLookupsPerSecond: integer(env, problems, 'REGISTRY_ISSUER_LOOKUPS_PER_SECOND', 5, 1, 1000),
    verifiedTokenTtlSeconds: integer(env, problems, 'VERIFIED_TOKEN_TTL_SECONDS', 60, 0, 3600),
    verifiedTokenCacheSize: integer(env, problems, 'VERIFIED_TOKEN_CACHE_SIZE', 5000, 1, 100000),
    jwksTimeoutMs: integer(env, problems, 'JWKS_TIMEOUT_MS', 1500, 100, 10000),
    jwksCooldownSeconds: integer(env, problems, 'JWKS_COOLDOWN_SECONDS', 10, 1, 3600),
    jwksMaxAgeSeconds: integer(env, problems, 'JWKS_MAX_AGE_SECONDS', 3600, 60, 86400),
    deadlineMs: integer(env, problems, 'DEADLINE_MS', 3000, 100, 25000),
    hydrationTimeoutMs: integer(env, problems, 'HYDRATION_TIMEOUT_MS', 2000, 100, 9000),
    policyScope: scope === 'method' ? 'method' : 'stage',
    revocation: revocation(env, problems),
  };
  // "Any host" would silently widen an explicit list: one or the other.
  if (config.allowUnregisteredHosts && config.allowedUnregisteredHosts.length > 0) {
    problems.push(
      'ALLOW_UNREGISTERED_HOSTS=true and ALLOWED_UNREGISTERED_HOSTS are exclusive: keep the list and remove ALLOW_UNREGISTERED_HOSTS',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
