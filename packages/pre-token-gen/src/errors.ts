/**
 * One error class per reason the trigger refuses to bind a tenant. Each carries a
 * `reason` code that is safe to log; details ride on `cause`, never in the message
 * Cognito shows. The mapping to outcomes lives in `outcome.ts` and nowhere else.
 */

/** Safe-to-log reason codes of every refusal. */
export type RejectReason =
  | 'unsupported-version'
  | 'unsupported-event'
  | 'malformed-identities'
  | 'multiple-identity-providers'
  | 'no-identity'
  | 'unknown-tenant'
  | 'email-missing'
  | 'email-domain-mismatch'
  | 'registry-unavailable'
  | 'registry-record-invalid'
  | 'internal-error';

/** Base class: a refusal with a reason code. */
export abstract class TriggerError extends Error {
  abstract readonly reason: RejectReason;
}

/** The event is not a Pre Token Generation event this trigger understands. */
export class UnsupportedEventError extends TriggerError {
  override readonly name = 'UnsupportedEventError';
  constructor(readonly reason: 'unsupported-version' | 'unsupported-event') {
    super(reason === 'unsupported-version' ? 'unsupported event version' : 'malformed trigger event');
  }
}

/** The `identities` attribute does not name exactly one identity provider (or is missing). */
export class IdentityError extends TriggerError {
  override readonly name = 'IdentityError';
  constructor(readonly reason: 'malformed-identities' | 'multiple-identity-providers' | 'no-identity') {
    super(`identity provider not determined: ${reason}`);
  }
}

/** The registry has no tenant for this identity provider or pool. */
export class UnknownTenantError extends TriggerError {
  override readonly name = 'UnknownTenantError';
  readonly reason = 'unknown-tenant';
  constructor() {
    super('no tenant registered for this identity provider or pool');
  }
}

/** The email is missing or its domain is not one of the tenant's domains (enforce mode). */
export class EmailDomainError extends TriggerError {
  override readonly name = 'EmailDomainError';
  constructor(readonly reason: 'email-missing' | 'email-domain-mismatch') {
    super(`email domain check failed: ${reason}`);
  }
}

/** The tenant table could not be read, or held a record of the wrong shape. */
export class RegistryError extends TriggerError {
  override readonly name = 'RegistryError';
  constructor(
    readonly reason: 'registry-unavailable' | 'registry-record-invalid',
    options?: { cause?: unknown },
  ) {
    super(`tenant registry: ${reason}`, options);
  }
}

/** The message Cognito passes to the client. Says nothing about why. */
export const GENERIC_ERROR_MESSAGE = 'Sign-in could not be completed.';

/**
 * The only error the handler ever throws. It carries no cause, so nothing about the
 * table, the tenant or the user reaches Cognito, the client or the Lambda error payload.
 */
export class SignInFailedError extends Error {
  override readonly name = 'SignInFailedError';
  constructor() {
    super(GENERIC_ERROR_MESSAGE);
  }
}
