/**
 * Why the stand-in's ACS refused a SAML Response: one class per reason. `reason` is the
 * stable code the error page and the tests name; the message says what was wrong, never a
 * value the attacker could use to probe (expected values stay in the log, not the page).
 */

export type SamlRefusal =
  | 'malformed'
  | 'status'
  | 'signature'
  | 'wrapped'
  | 'issuer'
  | 'audience'
  | 'recipient'
  | 'expired'
  | 'in-response-to'
  | 'replayed'
  | 'subject';

/** A SAML Response the ACS does not accept. */
export abstract class SamlResponseError extends Error {
  abstract readonly reason: SamlRefusal;
}

/** Not base64, not XML, too large, a DOCTYPE, or not a samlp:Response. */
export class MalformedResponseError extends SamlResponseError {
  override readonly name = 'MalformedResponseError';
  readonly reason = 'malformed';
}
/** The IdP answered with a status other than Success. */
export class ResponseStatusError extends SamlResponseError {
  override readonly name = 'ResponseStatusError';
  readonly reason = 'status';
}
/** No signature, an algorithm we refuse, or no trusted certificate verifies it. */
export class SignatureError extends SamlResponseError {
  override readonly name = 'SignatureError';
  readonly reason = 'signature';
}
/** The signed element is not the one assertion the Response carries (signature wrapping). */
export class WrappedAssertionError extends SamlResponseError {
  override readonly name = 'WrappedAssertionError';
  readonly reason = 'wrapped';
}
/** The assertion's Issuer is not the tenant IdP's entity ID. */
export class IssuerError extends SamlResponseError {
  override readonly name = 'IssuerError';
  readonly reason = 'issuer';
}
/** The assertion is not for this user pool. */
export class AudienceError extends SamlResponseError {
  override readonly name = 'AudienceError';
  readonly reason = 'audience';
}
/** Recipient or Destination is not this ACS. */
export class RecipientError extends SamlResponseError {
  override readonly name = 'RecipientError';
  readonly reason = 'recipient';
}
/** Outside NotBefore / NotOnOrAfter (beyond the allowed clock skew). */
export class ExpiredAssertionError extends SamlResponseError {
  override readonly name = 'ExpiredAssertionError';
  readonly reason = 'expired';
}
/** InResponseTo is not the request this sign-in sent. */
export class InResponseToError extends SamlResponseError {
  override readonly name = 'InResponseToError';
  readonly reason = 'in-response-to';
}
/** The assertion was used before. */
export class ReplayedAssertionError extends SamlResponseError {
  override readonly name = 'ReplayedAssertionError';
  readonly reason = 'replayed';
}
/** No usable NameID or no bearer subject confirmation. */
export class SubjectError extends SamlResponseError {
  override readonly name = 'SubjectError';
  readonly reason = 'subject';
}
