/**
 * One error class per reason the authorizer refuses a request. Each carries a `reason`
 * code (logged) and an `outcome`: `unauthorized` becomes the 401 (`throw 'Unauthorized'`),
 * `forbidden` a Deny policy (403). Messages never contain the token or claim values an
 * attacker chose; details that help debugging ride on `cause` and are not logged.
 */

/** What API Gateway answers: 401 (thrown `Unauthorized`) or 403 (Deny policy). */
export type Outcome = 'unauthorized' | 'forbidden';

/** Base class: `reason` is the stable, loggable code of the failure. */
export abstract class AuthorizerError extends Error {
  abstract readonly reason: string;
  readonly outcome: Outcome = 'unauthorized';

  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No `Authorization` value, or an event that is not an API Gateway authorizer event. */
export class InvalidEventError extends AuthorizerError {
  override readonly name = 'InvalidEventError';
  readonly reason = 'event-invalid';
}

/** No bearer token in the request. */
export class MissingTokenError extends AuthorizerError {
  override readonly name = 'MissingTokenError';
  readonly reason = 'token-missing';
}

/** The token (or the header carrying it) is larger than the limit; nothing was decoded. */
export class OversizedTokenError extends AuthorizerError {
  override readonly name = 'OversizedTokenError';
  readonly reason = 'token-too-large';
}

/** Not a well-formed compact JWS with JSON header and payload of the expected types. */
export class MalformedTokenError extends AuthorizerError {
  override readonly name = 'MalformedTokenError';
  readonly reason = 'token-malformed';
}

/** A header member or algorithm we never accept (`none`, `HS*`, `crit`, `jku`, `jwk`, ...). */
export class RejectedHeaderError extends AuthorizerError {
  override readonly name = 'RejectedHeaderError';
  readonly reason = 'token-header-rejected';
}

/** `iss` is not a registered issuer (or not in the exact Cognito form). No key was fetched. */
export class UntrustedIssuerError extends AuthorizerError {
  override readonly name = 'UntrustedIssuerError';
  readonly reason = 'issuer-not-trusted';
}

/** The registered pool's JWKS has no key with the token's `kid` (after at most one refetch per cooldown). */
export class UnknownKeyError extends AuthorizerError {
  override readonly name = 'UnknownKeyError';
  readonly reason = 'key-not-found';
}

/** The signature does not verify with the pool's key, or the key does not fit the algorithm. */
export class InvalidSignatureError extends AuthorizerError {
  override readonly name = 'InvalidSignatureError';
  readonly reason = 'signature-invalid';
}

/** The pool's JWKS could not be fetched and no keys are cached. */
export class KeysUnavailableError extends AuthorizerError {
  override readonly name = 'KeysUnavailableError';
  readonly reason = 'jwks-unavailable';
}

/** The registry (SSM) failed or timed out and nothing usable is cached. */
export class RegistryUnavailableError extends AuthorizerError {
  override readonly name = 'RegistryUnavailableError';
  readonly reason = 'registry-unavailable';
}

/** `exp` is in the past. */
export class ExpiredTokenError extends AuthorizerError {
  override readonly name = 'ExpiredTokenError';
  readonly reason = 'token-expired';
}

/** A required claim is missing, has the wrong type, or fails a time check (`nbf`, `iat`). */
export class InvalidClaimError extends AuthorizerError {
  override readonly name = 'InvalidClaimError';
  readonly reason = 'claim-invalid';
  constructor(readonly claim: string) {
    super(`invalid or missing claim '${claim}'`);
  }
}

/** `token_use` is not one this authorizer accepts (access only, by default). */
export class TokenUseError extends AuthorizerError {
  override readonly name = 'TokenUseError';
  readonly reason = 'token-use-rejected';
}

/** `client_id` (access) or `aud` (ID) is not one of the pool's registered app clients. */
export class UnknownClientError extends AuthorizerError {
  override readonly name = 'UnknownClientError';
  readonly reason = 'client-not-allowed';
}

/** The tenant of a shared-pool token cannot be determined from the registry. */
export class UnresolvedTenantError extends AuthorizerError {
  override readonly name = 'UnresolvedTenantError';
  readonly reason = 'tenant-unresolved';
}

/** The token's tenant claims disagree with each other or with the registry. */
export class TenantClaimMismatchError extends AuthorizerError {
  override readonly name = 'TenantClaimMismatchError';
  readonly reason = 'tenant-claim-mismatch';
}

/** The user was signed out by force after this token was issued. */
export class RevokedTokenError extends AuthorizerError {
  override readonly name = 'RevokedTokenError';
  readonly reason = 'token-revoked';
}

/** The revocation check failed; fail closed. */
export class RevocationUnavailableError extends AuthorizerError {
  override readonly name = 'RevocationUnavailableError';
  readonly reason = 'revocation-unavailable';
}

/** The whole decision took longer than the configured deadline. */
export class DeadlineExceededError extends AuthorizerError {
  override readonly name = 'DeadlineExceededError';
  readonly reason = 'deadline-exceeded';
}

/** Who was authenticated but refused: enough for the Deny policy and the log line. */
export interface ForbiddenPrincipal {
  readonly sub: string;
  readonly tenantId: string;
  readonly userPoolId: string;
}

/** Authenticated but forbidden: answered with a Deny policy (403), not a 401. */
export abstract class ForbiddenError extends AuthorizerError {
  override readonly outcome = 'forbidden';
  constructor(readonly principal: ForbiddenPrincipal) {
    super('forbidden');
  }
}

/** A valid token of another tenant than the tenant host the request arrived on. */
export class HostTenantMismatchError extends ForbiddenError {
  override readonly name = 'HostTenantMismatchError';
  readonly reason = 'host-tenant-mismatch';
}

/** A valid token on a host that is not registered, with unregistered hosts not allowed. */
export class UnregisteredHostError extends ForbiddenError {
  override readonly name = 'UnregisteredHostError';
  readonly reason = 'host-not-registered';
}

/**
 * A valid token of a dedicated pool on a listed unregistered host (`ALLOWED_UNREGISTERED_HOSTS`,
 * the shared tenants' email discovery host): dedicated tenants use their own hosts only.
 */
export class SharedHostDedicatedTokenError extends ForbiddenError {
  override readonly name = 'SharedHostDedicatedTokenError';
  readonly reason = 'host-shared-only';
}
