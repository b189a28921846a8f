/**
 * The trigger's configuration, parsed once at cold start from the environment.
 * Every problem is reported at once, so a misconfigured function fails on deploy,
 * not on the thousandth sign-in. `process.env` is read only by `handler.ts`.
 */
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';

/** `enforce`: a foreign email domain fails the sign-in. `flag`: it is logged and `custom:domainName` is left out. */
export type EmailDomainCheck = 'enforce' | 'flag';

export interface Config {
  /** DynamoDB tenant table (`TENANT_TABLE_NAME`). */
  readonly tenantTableName: string;
  /** The shared pool (`SHARED_USER_POOL_ID`); every other pool is a dedicated tenant pool. */
  readonly sharedUserPoolId: string | undefined;
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

/** One or more environment variables are missing or invalid. Names the variables, never secrets. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** DynamoDB table names: 3-255 of `[A-Za-z0-9_.-]`. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * Bounds of `DYNAMODB_TIMEOUT_MS`: two attempts of at most 1.5 s plus backoff stay well
 * inside Cognito's 5 s trigger limit, which also covers the cold start.
 */
export const MAX_DYNAMODB_TIMEOUT_MS = 1500;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  text(name: string, pattern: RegExp, required: boolean): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (required) this.problems.push(`${name} is required`);
      return undefined;
    }
    if (!pattern.test(value)) this.problems.push(`${name} has an invalid format`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${values.join(', ')}`);
    return fallback;
  }

  flag(name: string, fallback: boolean): boolean {
    return this.oneOf(name, ['true', 'false'], fallback ? 'true' : 'false') === 'true';
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return number;
  }
}

/** Parses and validates the environment. Throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env): Config {
  const r = new Reader(env);
  const config: Config = {
    tenantTableName: r.text('TENANT_TABLE_NAME', TABLE_NAME, true) ?? '',
    sharedUserPoolId: r.text('SHARED_USER_POOL_ID', USER_POOL_ID, false),
    emailDomainCheck: r.oneOf('EMAIL_DOMAIN_CHECK', ['enforce', 'flag'], 'enforce'),
    allowTokensWithoutTenant: r.flag('ALLOW_TOKENS_WITHOUT_TENANT', false),
    // 50 groups / 2,048 bytes: what one Cognito attribute can carry, and well under header limits.
    maxGroups: r.int('MAX_GROUPS', 0, 200, 50),
    maxGroupsBytes: r.int('MAX_GROUPS_BYTES', 2, 8192, 2048),
    cacheTtlMs: r.int('CACHE_TTL_SECONDS', 0, 3600, 300) * 1000,
    negativeCacheTtlMs: r.int('NEGATIVE_CACHE_TTL_SECONDS', 0, 3600, 30) * 1000,
    staleIfErrorMs: r.int('STALE_IF_ERROR_SECONDS', 0, 86_400, 3600) * 1000,
    cacheMaxEntries: r.int('CACHE_MAX_ENTRIES', 1, 100_000, 1000),
    dynamodbTimeoutMs: r.int('DYNAMODB_TIMEOUT_MS', 50, MAX_DYNAMODB_TIMEOUT_MS, 1000),
    cognitoLocalCompat: r.flag('COGNITO_LOCAL_COMPAT', false),
  };
  // Defence in depth (events are gated too): the emulator switch is refused inside AWS Lambda.
  if (config.cognitoLocalCompat && env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')) {
    r.problems.push('COGNITO_LOCAL_COMPAT is local only and refused in AWS Lambda');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
