/**
 * One error class per reason a request is refused or fails, and the one function that turns
 * any error into the HTTP outcome (the README's error table). Public bodies are generic and
 * name the offending field; the reason code goes to the log.
 */
import { AuthorizerContextError } from '@cognito-tenancy/kit/authorizer-caller';
import { type HttpErrorOutcome, httpClassifier } from '@cognito-tenancy/kit/http-classifier';
import { edgeErrorOutcome, PUBLIC_BODIES } from '@cognito-tenancy/kit/http-error-outcome';

/** No such route (`/pets`, `/pets/{id}` only), or no such pet in the caller's tenant: 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly reason: 'route-not-found' | 'pet-not-found') {
    super(`not found (${reason})`);
  }
}

/** A method the route does not serve: 405 with `Allow`. */
export class MethodNotAllowedError extends Error {
  override readonly name = 'MethodNotAllowedError';
  readonly reason = 'method-not-allowed';
  constructor(readonly allow: string) {
    super('method not allowed');
  }
}

/** The fields a 400 can name. */
export type InvalidField = 'content-type' | 'body' | 'name' | 'species' | 'id';

/** The request is malformed: 400 naming the field and what is expected. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(
    readonly field: InvalidField,
    readonly reason: string,
    /** The fix, safe to show (never echoes the input). */
    readonly hint: string,
  ) {
    super(`invalid ${field} (${reason})`);
  }
}

/** The caller may not write pets of their tenant: 403. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(readonly reason: 'not-admin' | 'tenant-has-no-admin-group' | 'tenant-not-registered') {
    super(`forbidden (${reason})`);
  }
}

/**
 * `requestContext.authorizer` is missing or malformed (the kit's class): a deployment
 * error, 500, never a guess.
 */
export { AuthorizerContextError };

/** A store call failed or timed out, or a stored item is damaged (details on `cause`): 503. */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
  constructor(
    readonly reason: 'tenant-store-unavailable' | 'pets-store-unavailable' | 'pet-record-invalid',
    options?: ErrorOptions,
  ) {
    super(`dependency failed (${reason})`, options);
  }
}

/** A response decided by an error: status, public body and the log reason. */
export type ErrorOutcome = HttpErrorOutcome & { readonly statusCode: 400 | 403 | 404 | 405 | 500 | 503 };

/** Every 404 has this body, so "no such pet" and "another tenant's pet" cannot be told apart. */
export const NOT_FOUND_BODY = JSON.stringify({ message: 'Not found' });

/** The single mapping from an error to the outcome. */
export function errorOutcome(error: unknown): ErrorOutcome {
  if (error instanceof InvalidRequestError) {
    const body = JSON.stringify({ message: 'Invalid request', field: error.field, hint: error.hint });
    return { statusCode: 400, body, reason: `${error.field}-${error.reason}` };
  }
  if (error instanceof ForbiddenError)
    return { statusCode: 403, body: PUBLIC_BODIES.forbidden, reason: error.reason };
  if (error instanceof NotFoundError) return { statusCode: 404, body: NOT_FOUND_BODY, reason: error.reason };
  if (error instanceof MethodNotAllowedError) {
    return {
      statusCode: 405,
      body: PUBLIC_BODIES.methodNotAllowed,
      reason: error.reason,
      extraHeaders: { allow: error.allow },
    };
  }
  if (error instanceof DependencyError)
    return { statusCode: 503, body: PUBLIC_BODIES.unavailable, reason: error.reason };
  // Out of time, no authorizer context, or a bug: the same for every API Lambda.
  return edgeErrorOutcome(error);
}

/** The kit's `classify` for pets: {@link errorOutcome} with CORS, level and class names. */
export const classifier = (corsAllowedOrigins: readonly string[]) =>
  httpClassifier(errorOutcome, {
    corsAllowedOrigins,
    // A caller writing without the right: worth a warning.
    level: (error) => (error instanceof ForbiddenError ? 'warn' : 'info'),
  });
