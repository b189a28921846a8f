/**
 * A minimal structured logger: one JSON line per call on stdout, in the shape of
 * Powertools' Logger (`level`, `message`, `timestamp`, `service`, then the fields).
 * The authorizer logs every decision on the hottest path of the API; Powertools' Logger
 * measured ~5.3 µs per line here against ~1.1 µs for this, about a fifth of the whole
 * warm verification budget (see BENCHMARKS.md).
 */
import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import type { AuthorizerLogger, LogFields } from './logger';

const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, SILENT: 28 } as const;
export type LogLevelName = keyof typeof LEVELS;

/** The level from `POWERTOOLS_LOG_LEVEL` or `AWS_LAMBDA_LOG_LEVEL` (as Powertools reads them); INFO otherwise. */
export function logLevelFrom(env: Readonly<Record<string, string | undefined>>): LogLevelName {
  const value = (env.POWERTOOLS_LOG_LEVEL ?? env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase();
  if (value === 'CRITICAL' || value === 'FATAL') return 'ERROR';
  if (value === 'TRACE') return 'DEBUG';
  return value in LEVELS ? (value as LogLevelName) : 'INFO';
}

export interface JsonLineLoggerOptions {
  readonly service: string;
  readonly level: LogLevelName;
  /** Where lines go; stdout by default. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

/** Creates an {@link AuthorizerLogger} writing JSON lines at or above `level`. */
export function createJsonLineLogger(options: JsonLineLoggerOptions): AuthorizerLogger {
  const threshold = LEVELS[options.level];
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const service = JSON.stringify(options.service);
  // The encoded `,"name":` of each field name, kept: a line is written on every API call.
  const names = new BoundedCache<string>({ maxEntries: 256 });
  const encodeName = (name: string) => `,${JSON.stringify(name)}:`;
  const emit = (level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', message: string, fields: LogFields) => {
    if (LEVELS[level] < threshold) return;
    let line = `{"level":"${level}","message":${JSON.stringify(message)},"timestamp":"${now().toISOString()}","service":${service}`;
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      if (value === undefined) continue;
      // Finite numbers and booleans print as JSON does; strings (and the rest) are escaped.
      const encoded =
        typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
          ? String(value)
          : JSON.stringify(value);
      line += names.memo(key, encodeName) + encoded;
    }
    write(`${line}}\n`);
  };
  return {
    // No debug method above DEBUG: callers skip building the fields of a line nobody writes.
    ...(threshold <= LEVELS.DEBUG
      ? { debug: (message: string, fields: LogFields) => emit('DEBUG', message, fields) }
      : {}),
    info: (message, fields) => emit('INFO', message, fields),
    warn: (message, fields) => emit('WARN', message, fields),
    error: (message, fields) => emit('ERROR', message, fields),
  };
}
