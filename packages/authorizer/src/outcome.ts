/**
 * The one place an error becomes an outcome: every failure is a 401 (`Unauthorized`)
 * except authenticated-but-forbidden requests, which get a Deny policy (403). Errors we
 * did not anticipate are 401 too (fail closed) and logged as `internal-error`.
 */
import { AuthorizerError, ForbiddenError, type ForbiddenPrincipal } from './errors';

export type LogLevel = 'info' | 'warn' | 'error';

export type ClassifiedOutcome =
  | { readonly kind: 'unauthorized'; readonly reason: string; readonly level: LogLevel }
  | {
      readonly kind: 'forbidden';
      readonly reason: string;
      readonly level: LogLevel;
      readonly principal: ForbiddenPrincipal;
    };

// Failures of our dependencies, not of the caller: operators need to see them.
const DEPENDENCY_FAILURES = new Set([
  'registry-unavailable',
  'jwks-unavailable',
  'revocation-unavailable',
  'deadline-exceeded',
]);

/** Classifies an error thrown while deciding a request. */
export function classify(error: unknown): ClassifiedOutcome {
  if (error instanceof ForbiddenError) {
    return { kind: 'forbidden', reason: error.reason, level: 'warn', principal: error.principal };
  }
  if (error instanceof AuthorizerError) {
    return {
      kind: 'unauthorized',
      reason: error.reason,
      level: DEPENDENCY_FAILURES.has(error.reason) ? 'error' : 'info',
    };
  }
  return { kind: 'unauthorized', reason: 'internal-error', level: 'error' };
}

/** What API Gateway turns into a 401. The message must be exactly this. */
export function unauthorized(): Error {
  return new Error('Unauthorized');
}
