/**
 * What the authorized HTTP Lambdas (sign-out, pets) answer alike: the generic public bodies,
 * and the end of each one's error mapping for the errors that are not its own.
 */
import { AuthorizerContextError } from './authorizer-caller';
import type { HttpErrorOutcome } from './http-classifier';
import { HandlerTimeoutError } from './lambda-handler';

/** Public bodies: generic, never an error's message. */
export const PUBLIC_BODIES = {
  forbidden: JSON.stringify({ message: 'Forbidden' }),
  methodNotAllowed: JSON.stringify({ message: 'Method not allowed' }),
  internal: JSON.stringify({ message: 'Internal error' }),
  unavailable: JSON.stringify({ message: 'Service unavailable, try again later' }),
} as const;

/**
 * The outcome of an error a package's own classes do not cover: the invocation ran out of
 * time (a slow dependency past its bounds: 503 `timeout`, try again), the authorizer context
 * is missing or malformed (a deployment error: 500, never a guess), anything else (a bug:
 * 500 `internal-error`, fail closed without detail).
 */
export function edgeErrorOutcome(error: unknown): HttpErrorOutcome & { readonly statusCode: 500 | 503 } {
  if (error instanceof HandlerTimeoutError)
    return { statusCode: 503, body: PUBLIC_BODIES.unavailable, reason: 'timeout' };
  if (error instanceof AuthorizerContextError)
    return { statusCode: 500, body: PUBLIC_BODIES.internal, reason: error.reason };
  return { statusCode: 500, body: PUBLIC_BODIES.internal, reason: 'internal-error' };
}
