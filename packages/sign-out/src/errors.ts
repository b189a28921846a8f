/**
 * One error class per reason a sign-out is refused or fails, and the one function that
 * turns any error into the HTTP outcome. Public bodies stay generic (a 404 is byte-identical
 * whether the user does not exist or belongs to another tenant); the reason goes to the log.
 */
import { AuthorizerContextError } from '@cognito-tenancy/kit/authorizer-caller';
import { type HttpErrorOutcome, httpClassifier } from '@cognito-tenancy/kit/http-classifier';
import { edgeErrorOutcome, PUBLIC_BODIES } from '@cognito-tenancy/kit/http-error-outcome';

/** Anything but POST: 405. */
export class MethodNotAllowedError extends Error {
  override readonly name = 'MethodNotAllowedError';
  readonly reason = 'method-not-allowed';
  constructor() {
    super('method not allowed');
  }
}

/** The `{sub}` path parameter is missing or not a Cognito sub (a lowercase UUID): 400. */
export class InvalidSubError extends Error {
  override readonly name = 'InvalidSubError';
  constructor(readonly reason: 'sub-missing' | 'sub-invalid') {
    super(`invalid sub (${reason})`);
  }
}

/**
 * `requestContext.authorizer` is missing or malformed (the kit's class): a deployment
 * error, 500, never a guess.
 */
export { AuthorizerContextError };

/** The caller may not administer their tenant: 403. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(readonly reason: 'not-admin' | 'tenant-has-no-admin-group' | 'tenant-not-registered') {
    super(`forbidden (${reason})`);
  }
}

/** No user with that sub in the caller's tenant (absent, another tenant's, ambiguous): 404. */
export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
  constructor(readonly reason: 'user-not-found' | 'user-not-in-tenant' | 'user-ambiguous') {
    super(`user not found (${reason})`);
  }
}

/** Which dependency failed. */
export type DependencyReason =
  | 'tenant-store-unavailable'
  | 'user-lookup-failed'
  | 'revocation-store-failed'
  | 'global-sign-out-failed';

/** A store or Cognito call failed or timed out (details on `cause`, never in the answer): 503. */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
  constructor(
    readonly reason: DependencyReason,
    options?: ErrorOptions,
  ) {
    super(`dependency failed (${reason})`, options);
  }
}

/** A response decided by an error: status, public body and the log reason. */
export type ErrorOutcome = HttpErrorOutcome & { readonly statusCode: 400 | 403 | 404 | 405 | 500 | 503 };

/** The body of every 404, whatever the reason: identical so answers cannot be told apart. */
export const NOT_FOUND_BODY = JSON.stringify({ message: 'User not found' });
const INVALID_SUB_BODY = JSON.stringify({ message: 'Invalid request', field: 'sub' });
// The one failure after the cut-off was recorded: the admin must know to try again.
const INCOMPLETE_BODY = JSON.stringify({
  message:
    "Sign-out incomplete: the user's current tokens are refused, but their refresh tokens could not be revoked; try again",
});

/** The single mapping from an error to the outcome (the README's error table). */
export function errorOutcome(error: unknown): ErrorOutcome {
  if (error instanceof InvalidSubError)
    return { statusCode: 400, body: INVALID_SUB_BODY, reason: error.reason };
  if (error instanceof ForbiddenError)
    return { statusCode: 403, body: PUBLIC_BODIES.forbidden, reason: error.reason };
  if (error instanceof UserNotFoundError)
    return { statusCode: 404, body: NOT_FOUND_BODY, reason: error.reason };
  if (error instanceof MethodNotAllowedError) {
    return {
      statusCode: 405,
      body: PUBLIC_BODIES.methodNotAllowed,
      reason: error.reason,
      extraHeaders: { allow: 'POST' },
    };
  }
  if (error instanceof DependencyError) {
    const body = error.reason === 'global-sign-out-failed' ? INCOMPLETE_BODY : PUBLIC_BODIES.unavailable;
    return { statusCode: 503, body, reason: error.reason };
  }
  // Out of time, no authorizer context, or a bug: the same for every API Lambda.
  return edgeErrorOutcome(error);
}

/** The kit's `classify` for sign-out: {@link errorOutcome} with CORS, level and class names. */
export const classifier = (corsAllowedOrigins: readonly string[]) =>
  httpClassifier(errorOutcome, {
    corsAllowedOrigins,
    // Someone tried to administer without the right: worth a warning in the audit trail.
    level: (error) =>
      error instanceof ForbiddenError || error instanceof UserNotFoundError ? 'warn' : 'info',
  });
