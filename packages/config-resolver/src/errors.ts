/**
 * One error class per reason a request does not get a sign-in config. Messages are for
 * logs and never contain request input; `outcomeOf` (outcome.ts) maps them to responses.
 */
import type { NormalizeFailure } from '@cognito-tenancy/registry/normalize';

/** Base of every expected failure; `reason` is the log reason code. */
export abstract class ResolverError extends Error {
  abstract readonly reason: string;
}

/** The event is not an API Gateway proxy event (REST v1 or HTTP API v2). */
export class MalformedEventError extends ResolverError {
  override readonly name = 'MalformedEventError';
  readonly reason = 'malformed-event';
  constructor() {
    super('event is not an API Gateway proxy event');
  }
}

/** Only GET (and the CORS preflight) are served. */
export class MethodNotAllowedError extends ResolverError {
  override readonly name = 'MethodNotAllowedError';
  readonly reason = 'method-not-allowed';
  constructor() {
    super('method not allowed');
  }
}

/** No host in the place configuration says to read it from. */
export class MissingHostError extends ResolverError {
  override readonly name = 'MissingHostError';
  readonly reason = 'missing-host';
  constructor() {
    super('request carries no host in the trusted place');
  }
}

/** The trusted host header appears more than once, or holds a list. */
export class AmbiguousHostError extends ResolverError {
  override readonly name = 'AmbiguousHostError';
  readonly reason = 'ambiguous-host';
  constructor() {
    super('trusted host header is repeated or holds several values');
  }
}

/** The host did not pass normalisation; `failure` says why (it never contains the input). */
export class InvalidHostError extends ResolverError {
  override readonly name = 'InvalidHostError';
  readonly reason = 'invalid-host';
  constructor(readonly failure: NormalizeFailure | 'unusable-key') {
    super(`host refused: ${failure}`);
  }
}

/** A valid host that belongs to AWS (the default execute-api host, CloudFront, ...), never a tenant. */
export class PlatformHostError extends ResolverError {
  override readonly name = 'PlatformHostError';
  readonly reason = 'platform-host';
  constructor(readonly host: string) {
    super('platform default host is not a tenant');
  }
}

/** No tenant is registered for the host (`ParameterNotFound`). */
export class UnknownTenantError extends ResolverError {
  override readonly name = 'UnknownTenantError';
  readonly reason = 'unknown-host';
  constructor(readonly host: string) {
    super('no tenant registered for host');
  }
}

/** Why the registry could not answer. */
export type UnavailableReason =
  | 'ssm-throttled'
  | 'ssm-timeout'
  | 'ssm-error'
  | 'lookup-busy'
  | 'lookup-rate-limited'
  | 'record-invalid';

/** The registry could not answer and nothing usable was cached. Details ride on `cause`. */
export class RegistryUnavailableError extends ResolverError {
  override readonly name = 'RegistryUnavailableError';
  constructor(
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`registry unavailable: ${reason}`, options);
  }
}
