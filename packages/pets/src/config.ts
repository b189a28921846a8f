/**
 * Configuration of the pets service, read once at cold start from the environment.
 * `process.env` is read nowhere else (Powertools reads its own `POWERTOOLS_*` variables).
 */

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
  readonly tenantCache: {
    readonly ttlMs: number;
    readonly negativeTtlMs: number;
    readonly staleIfErrorMs: number;
  };
  /** Bounds of every DynamoDB call. */
  readonly aws: {
    readonly requestTimeoutMs: number;
    readonly connectionTimeoutMs: number;
    readonly maxAttempts: number;
  };
}

/** The configuration is unusable. `problems` names every bad variable at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`pets configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// DynamoDB table names: 3-255 of [a-zA-Z0-9_.-].
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function table(env: Env, name: string, problems: string[]): string {
  const value = env[name]?.trim() ?? '';
  if (!TABLE_NAME.test(value)) problems.push(`${name} is required (a DynamoDB table name)`);
  return value;
}

function origins(env: Env, problems: string[]): string[] {
  const list: string[] = [];
  for (const item of (env.CORS_ALLOWED_ORIGINS ?? '').split(',')) {
    const value = item.trim();
    if (value === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    // An origin is scheme://host[:port] and nothing else; `*` is refused on purpose.
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.toLowerCase().replace(/\/$/, '')) {
      problems.push(`CORS_ALLOWED_ORIGINS: '${value}' is not an origin (https://host[:port])`);
      continue;
    }
    list.push(url.origin);
  }
  return list;
}

/** Validates the environment; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const seconds = (name: string, fallback: number, max: number) =>
    integer(env, name, fallback, 0, max, problems) * 1000;
  const config: Config = {
    tenantTableName: table(env, 'TENANT_TABLE_NAME', problems),
    petsTableName: table(env, 'PETS_TABLE_NAME', problems),
    corsAllowedOrigins: origins(env, problems),
    listLimit: integer(env, 'PETS_LIST_LIMIT', 100, 1, 1000, problems),
    tenantCache: {
      ttlMs: seconds('TENANT_CACHE_TTL_SECONDS', 60, 3600),
      negativeTtlMs: seconds('TENANT_CACHE_NEGATIVE_TTL_SECONDS', 60, 3600),
      staleIfErrorMs: seconds('TENANT_CACHE_STALE_IF_ERROR_SECONDS', 300, 86_400),
    },
    aws: {
      requestTimeoutMs: integer(env, 'AWS_REQUEST_TIMEOUT_MS', 1000, 100, 10_000, problems),
      connectionTimeoutMs: integer(env, 'AWS_CONNECTION_TIMEOUT_MS', 500, 100, 10_000, problems),
      maxAttempts: integer(env, 'AWS_MAX_ATTEMPTS', 2, 1, 3, problems),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The longest one DynamoDB call may take, retries included. */
export function callTimeoutMs(config: Config): number {
  const { requestTimeoutMs, connectionTimeoutMs, maxAttempts } = config.aws;
  return maxAttempts * (requestTimeoutMs + connectionTimeoutMs);
}
