/**
 * One error class per failure reason, and the one function that turns any error into
 * the HTTP outcome. Public bodies stay generic; the reason code goes to the log only.
 */

import { httpClassifier } from '@cognito-tenancy/kit/http-classifier';
import { HandlerTimeoutError } from '@cognito-tenancy/kit/lambda-handler';
import type { NormalizeFailure } from '@cognito-tenancy/registry/normalize';
import { RecordFormatError } from '@cognito-tenancy/registry/records';
import { CacheBusyError, CacheLoadTimeoutError } from '@cognito-tenancy/registry/ttl-cache';

/** The request field a 400 names. Never a value, never anything about tenants. */
export type RequestField = 'content-type' | 'body' | 'email';

/** Why a request was refused before any lookup. */
export type BadRequestReason =
  | 'unsupported-content-type'
  | 'body-missing'
  | 'body-too-large'
  | 'body-not-base64'
  | 'body-not-utf8'
  | 'body-not-json'
  | 'body-not-object'
  | 'email-missing'
  | `email-${NormalizeFailure}`;

/** The request is malformed: 400 naming `field`. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(
    readonly field: RequestField,
    readonly reason: BadRequestReason,
  ) {
    super(`invalid ${field} (${reason})`);
  }
}

/** Anything but POST (and the CORS preflight): 405. */
export class MethodNotAllowedError extends Error {
  override readonly name = 'MethodNotAllowedError';
  constructor() {
    super('method not allowed');
  }
}

/** The tenant table could not answer and nothing usable was cached: 503. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly reason: 'store-error' | 'store-timeout' | 'store-busy' | 'record-invalid',
    options?: ErrorOptions,
  ) {
    super(`tenant table unavailable (${reason})`, options);
  }
}

/** Wraps whatever a lookup threw into a {@link StoreUnavailableError} with a reason code. */
export function toStoreError(error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const options = { cause: error };
  if (error instanceof CacheBusyError) return new StoreUnavailableError('store-busy', options);
  if (error instanceof CacheLoadTimeoutError) return new StoreUnavailableError('store-timeout', options);
  if (error instanceof RecordFormatError) return new StoreUnavailableError('record-invalid', options);
  if (error instanceof Error && /Timeout|TimedOut/i.test(error.name)) {
    return new StoreUnavailableError('store-timeout', options);
  }
  return new StoreUnavailableError('store-error', options);
}

/** A response decided by an error: status, generic public body and the log reason. */
export interface ErrorOutcome {
  readonly statusCode: 400 | 405 | 500 | 503;
  readonly body: string;
  readonly reason: string;
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

const SERVICE_UNAVAILABLE = JSON.stringify({ message: 'Service unavailable, try again later' });
const METHOD_NOT_ALLOWED = JSON.stringify({ message: 'Method not allowed' });
const INTERNAL_ERROR = JSON.stringify({ message: 'Internal error' });

/** The public body of every 400 naming `field`. */
export function badRequestBody(field: RequestField): string {
  return JSON.stringify({ message: 'Invalid request', field });
}

/** The single mapping from an error to the outcome (the README's error table). */
export function errorOutcome(error: unknown): ErrorOutcome {
  if (error instanceof BadRequestError) {
    return { statusCode: 400, body: badRequestBody(error.field), reason: error.reason };
  }
  if (error instanceof MethodNotAllowedError) {
    return {
      statusCode: 405,
      body: METHOD_NOT_ALLOWED,
      reason: 'method-not-allowed',
      extraHeaders: { allow: 'POST, OPTIONS' },
    };
  }
  if (error instanceof StoreUnavailableError) {
    return { statusCode: 503, body: SERVICE_UNAVAILABLE, reason: error.reason };
  }
  // The invocation ran out of time (a slow lookup past its bounds): try again.
  if (error instanceof HandlerTimeoutError)
    return { statusCode: 503, body: SERVICE_UNAVAILABLE, reason: 'timeout' };
  // A bug, not a request problem: fail closed without detail.
  return { statusCode: 500, body: INTERNAL_ERROR, reason: 'internal-error' };
}

/** The kit's `classify` for tenant-match: {@link errorOutcome} with CORS and class names. */
export const classifier = (corsAllowedOrigins: readonly string[]) =>
  httpClassifier(errorOutcome, { corsAllowedOrigins });
