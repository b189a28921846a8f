/**
 * Every result of a request as an HTTP answer plus what to log: the one place where
 * errors become responses. Error bodies are constants, so no two unknown hosts (and no
 * invalid host) can be told apart by their answer.
 */
import { HandlerTimeoutError } from '@cognito-tenancy/kit/lambda-handler';
import type { Config } from './config';
import {
  InvalidHostError,
  MethodNotAllowedError,
  PlatformHostError,
  RegistryUnavailableError,
  ResolverError,
  UnknownTenantError,
} from './errors';
import type { Resolved } from './resolve-config';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Outcome {
  readonly statusCode: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Log reason code. */
  readonly reason: string;
  readonly level: LogLevel;
  /** Normalised host, when there is one (never raw input). */
  readonly host?: string;
  /** Extra safe detail for the log (a normalisation failure code, an error name). */
  readonly detail?: string;
}

const error = (code: string, message: string) => JSON.stringify({ error: code, message });

/** The documented bodies; tests compare against these. */
export const BODIES = {
  badRequest: error('bad_request', 'The request could not be understood.'),
  notFound: error('not_found', 'No sign-in configuration is available for this host.'),
  methodNotAllowed: error('method_not_allowed', 'Only GET is supported.'),
  unavailable: error('unavailable', 'Sign-in configuration is temporarily unavailable. Try again shortly.'),
  internal: error('internal_error', 'Sign-in configuration could not be produced.'),
} as const;

const NO_STORE = { 'cache-control': 'no-store' };

// `private`: the answer depends on the host, and a shared cache (CloudFront) whose key
// leaves the host out would hand one tenant's config to another.
const privateFor = (seconds: number) => ({ 'cache-control': `private, max-age=${seconds}` });

/** 200 with the tenant's public config. A stale answer is served but not cached by the browser. */
export function resolvedOutcome(resolved: Resolved, config: Config): Outcome {
  const stale = resolved.source === 'stale';
  return {
    statusCode: 200,
    body: JSON.stringify(resolved.config),
    headers: stale ? { 'cache-control': 'private, no-cache' } : privateFor(config.cacheTtlSeconds),
    reason: stale ? 'resolved-stale' : 'resolved',
    level: stale ? 'warn' : 'info',
    host: resolved.host,
    detail: resolved.source,
  };
}

/** 204 for a CORS preflight; the CORS headers themselves are added by the handler. */
export function preflightOutcome(): Outcome {
  return { statusCode: 204, body: '', headers: NO_STORE, reason: 'preflight', level: 'info' };
}

function causeName(cause: unknown): string | undefined {
  return cause instanceof Error ? cause.name : undefined;
}

/** Maps any failure to its outcome. Unknown errors are defects: 500, generic body, logged. */
export function outcomeOf(failure: unknown, config: Config): Outcome {
  if (failure instanceof UnknownTenantError || failure instanceof PlatformHostError) {
    return {
      statusCode: 404,
      body: BODIES.notFound,
      headers: privateFor(config.negativeCacheTtlSeconds),
      reason: failure.reason,
      level: 'info',
      host: failure.host,
    };
  }
  if (failure instanceof RegistryUnavailableError) {
    const detail = causeName(failure.cause);
    return {
      statusCode: 503,
      body: BODIES.unavailable,
      headers: { ...NO_STORE, 'retry-after': '5' },
      reason: failure.reason,
      level: 'error',
      ...(detail === undefined ? {} : { detail }),
    };
  }
  if (failure instanceof MethodNotAllowedError) {
    const headers = { ...NO_STORE, allow: 'GET, OPTIONS' };
    return { statusCode: 405, body: BODIES.methodNotAllowed, headers, reason: failure.reason, level: 'warn' };
  }
  if (failure instanceof ResolverError) {
    const detail = failure instanceof InvalidHostError ? { detail: failure.failure } : {};
    return {
      statusCode: 400,
      body: BODIES.badRequest,
      headers: NO_STORE,
      reason: failure.reason,
      level: 'warn',
      ...detail,
    };
  }
  // The invocation ran out of time (the kit's bound before Lambda's own timeout): try again.
  if (failure instanceof HandlerTimeoutError) {
    return {
      statusCode: 503,
      body: BODIES.unavailable,
      headers: { ...NO_STORE, 'retry-after': '5' },
      reason: 'timeout',
      level: 'error',
    };
  }
  const detail = failure instanceof Error ? failure.name : typeof failure;
  return {
    statusCode: 500,
    body: BODIES.internal,
    headers: NO_STORE,
    reason: 'internal-error',
    level: 'error',
    detail,
  };
}
