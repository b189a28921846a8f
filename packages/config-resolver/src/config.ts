/**
 * The function's configuration, read from the environment once at cold start. Every
 * problem is collected and reported together, so one deploy fixes them all.
 */
import { registryPrefix } from '@cognito-tenancy/registry/keys';
import { parseAllowedOrigins } from './cors';

/** Request headers that may be trusted to carry the tenant host (instead of the custom domain). */
export type TrustedHostHeader = 'host' | 'x-forwarded-host';

export interface SsmClientConfig {
  /** Per-attempt socket timeout. */
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  /** Total attempts including the first (SDK standard retry mode). */
  readonly maxAttempts: number;
}

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

/** The environment was not usable. `problems` lists every variable at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

interface IntegerSpec {
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
}

// Defaults: a tenant's sign-in config changes rarely (5 min is fine), an unknown host must
// not be re-asked on every request (1 min), and an SSM outage should not stop sign-in
// for a tenant we already know (1 h stale). 10 lookups/s per instance keeps a handful of
// instances under SSM's default 40 TPS account-wide GetParameter quota.
const INTEGERS = {
  CACHE_TTL_SECONDS: { fallback: 300, min: 0, max: 86_400 },
  NEGATIVE_CACHE_TTL_SECONDS: { fallback: 60, min: 0, max: 3_600 },
  STALE_IF_ERROR_SECONDS: { fallback: 3_600, min: 0, max: 604_800 },
  CACHE_MAX_ENTRIES: { fallback: 5_000, min: 1, max: 1_000_000 },
  MAX_CONCURRENT_LOOKUPS: { fallback: 10, min: 1, max: 1_000 },
  MAX_LOOKUPS_PER_SECOND: { fallback: 10, min: 1, max: 10_000 },
  LOOKUP_TIMEOUT_MS: { fallback: 3_000, min: 100, max: 60_000 },
  SSM_REQUEST_TIMEOUT_MS: { fallback: 1_000, min: 100, max: 30_000 },
  SSM_CONNECTION_TIMEOUT_MS: { fallback: 500, min: 100, max: 30_000 },
  SSM_MAX_ATTEMPTS: { fallback: 2, min: 1, max: 5 },
} as const satisfies Record<string, IntegerSpec>;

type IntegerName = keyof typeof INTEGERS;

function readInteger(env: Env, name: IntegerName, problems: string[]): number {
  const spec: IntegerSpec = INTEGERS[name];
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return spec.fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= spec.min && value <= spec.max)) {
    problems.push(`${name} must be an integer from ${spec.min} to ${spec.max}`);
    return spec.fallback;
  }
  return value;
}

function readPrefix(env: Env, problems: string[]): string {
  const raw = env.REGISTRY_PREFIX?.trim() ?? '';
  if (raw === '') {
    problems.push('REGISTRY_PREFIX is required (for example /cognito-tenancy/prod)');
    return '';
  }
  try {
    return registryPrefix(raw);
  } catch {
    problems.push('REGISTRY_PREFIX must be 1-5 SSM path levels of [A-Za-z0-9_.-], starting with /');
    return '';
  }
}

function readTrustedHeader(env: Env, problems: string[]): TrustedHostHeader | undefined {
  const raw = env.TRUSTED_HOST_HEADER?.trim().toLowerCase() ?? '';
  if (raw === '') return undefined;
  if (raw === 'host' || raw === 'x-forwarded-host') return raw;
  problems.push('TRUSTED_HOST_HEADER must be empty, host or x-forwarded-host');
  return undefined;
}

function readDistributionHosts(
  env: Env,
  trusted: TrustedHostHeader | undefined,
  problems: string[],
): boolean {
  const raw = env.ALLOW_DISTRIBUTION_HOSTS?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (raw !== 'true') {
    problems.push('ALLOW_DISTRIBUTION_HOSTS must be true or false');
    return false;
  }
  if (trusted === undefined) {
    problems.push('ALLOW_DISTRIBUTION_HOSTS=true needs TRUSTED_HOST_HEADER (the host CloudFront forwards)');
    return false;
  }
  return true;
}

/** Validates the environment. Throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const int = (name: IntegerName) => readInteger(env, name, problems);
  const prefix = readPrefix(env, problems);
  const trustedHostHeader = readTrustedHeader(env, problems);
  const origins = parseAllowedOrigins(env.CORS_ALLOWED_ORIGINS ?? '');
  if (!origins.ok) problems.push(`CORS_ALLOWED_ORIGINS: ${origins.problem}`);
  const config: Config = {
    registryPrefix: prefix,
    trustedHostHeader,
    allowDistributionHosts: readDistributionHosts(env, trustedHostHeader, problems),
    corsAllowedOrigins: origins.ok ? origins.origins : [],
    cacheTtlSeconds: int('CACHE_TTL_SECONDS'),
    negativeCacheTtlSeconds: int('NEGATIVE_CACHE_TTL_SECONDS'),
    staleIfErrorSeconds: int('STALE_IF_ERROR_SECONDS'),
    cacheMaxEntries: int('CACHE_MAX_ENTRIES'),
    maxConcurrentLookups: int('MAX_CONCURRENT_LOOKUPS'),
    maxLookupsPerSecond: int('MAX_LOOKUPS_PER_SECOND'),
    lookupTimeoutMs: int('LOOKUP_TIMEOUT_MS'),
    ssm: {
      requestTimeoutMs: int('SSM_REQUEST_TIMEOUT_MS'),
      connectionTimeoutMs: int('SSM_CONNECTION_TIMEOUT_MS'),
      maxAttempts: int('SSM_MAX_ATTEMPTS'),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
