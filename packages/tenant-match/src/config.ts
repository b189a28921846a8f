/**
 * Configuration of tenant-match, read once at cold start from the environment.
 * `process.env` is read nowhere else (Powertools reads its own `POWERTOOLS_*` variables).
 */

/** Everything the handler needs that differs between deployments. */
export interface Config {
  readonly tableName: string;
  /** Exact origins allowed to call the endpoint from a browser (lowercase, no trailing slash). */
  readonly corsAllowedOrigins: readonly string[];
  readonly cache: {
    readonly ttlMs: number;
    readonly negativeTtlMs: number;
    readonly staleIfErrorMs: number;
    readonly maxEntries: number;
    readonly maxConcurrentLoads: number;
  };
  readonly dynamodb: {
    readonly requestTimeoutMs: number;
    readonly connectionTimeoutMs: number;
    readonly maxAttempts: number;
  };
}

/** The configuration is unusable. `problems` names every bad variable at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`tenant-match configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// DynamoDB table names: 3-255 of [a-zA-Z0-9_.-].
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function origins(env: Env, problems: string[]): string[] {
  const raw = env.CORS_ALLOWED_ORIGINS ?? '';
  const list: string[] = [];
  for (const item of raw.split(',')) {
    const value = item.trim();
    if (value === '') continue;
    // An origin is scheme://host[:port] and nothing else; `*` is refused on purpose.
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.toLowerCase().replace(/\/$/, '')) {
      problems.push(`CORS_ALLOWED_ORIGINS: '${value}' is not an origin (https://host[:port])`);
      continue;
    }
    list.push(url.origin);
  }
  return list;
}

/**
 * Validates the environment and returns the configuration, or throws {@link ConfigError}
 * listing every problem. Durations are given in seconds or milliseconds as named.
 */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const tableName = env.TENANT_TABLE_NAME?.trim() ?? '';
  if (!TABLE_NAME.test(tableName)) problems.push('TENANT_TABLE_NAME is required (a DynamoDB table name)');
  const corsAllowedOrigins = origins(env, problems);
  const seconds = (name: string, fallback: number, max: number) =>
    integer(env, name, fallback, 0, max, problems) * 1000;
  const config: Config = {
    tableName,
    corsAllowedOrigins,
    cache: {
      ttlMs: seconds('CACHE_TTL_SECONDS', 300, 86_400),
      negativeTtlMs: seconds('CACHE_NEGATIVE_TTL_SECONDS', 60, 86_400),
      staleIfErrorMs: seconds('CACHE_STALE_IF_ERROR_SECONDS', 3600, 604_800),
      maxEntries: integer(env, 'CACHE_MAX_ENTRIES', 10_000, 1, 1_000_000, problems),
      maxConcurrentLoads: integer(env, 'CACHE_MAX_CONCURRENT_LOADS', 32, 1, 10_000, problems),
    },
    dynamodb: {
      requestTimeoutMs: integer(env, 'DYNAMODB_REQUEST_TIMEOUT_MS', 1000, 50, 30_000, problems),
      connectionTimeoutMs: integer(env, 'DYNAMODB_CONNECTION_TIMEOUT_MS', 500, 50, 30_000, problems),
      maxAttempts: integer(env, 'DYNAMODB_MAX_ATTEMPTS', 2, 1, 5, problems),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * The longest one lookup may take, retries included, before the cache gives up on it:
 * every attempt may use its full connection and request timeout.
 */
export function lookupTimeoutMs(config: Config): number {
  const { connectionTimeoutMs, requestTimeoutMs, maxAttempts } = config.dynamodb;
  return maxAttempts * (connectionTimeoutMs + requestTimeoutMs);
}
