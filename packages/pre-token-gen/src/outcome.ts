/**
 * The one place that turns a failure into the trigger's outcome: reject the sign-in
 * (throw the generic error) or, where configured, issue tokens without tenant claims.
 *
 * | reason                        | default | ALLOW_TOKENS_WITHOUT_TENANT=true |
 * |-------------------------------|---------|----------------------------------|
 * | unsupported-version / -event  | reject  | reject                           |
 * | malformed-identities          | reject  | reject                           |
 * | multiple-identity-providers   | reject  | reject                           |
 * | no-identity (shared pool)     | reject  | tokens without tenant claims     |
 * | unknown-tenant                | reject  | tokens without tenant claims     |
 * | email-missing / -mismatch     | reject (EMAIL_DOMAIN_CHECK=enforce)     | reject |
 * | registry-unavailable / -invalid | reject | reject                          |
 * | internal-error (anything else) | reject | reject                           |
 */
import { type RejectReason, TriggerError } from './errors';

export type Outcome =
  | { readonly kind: 'reject'; readonly reason: RejectReason }
  | { readonly kind: 'no-tenant'; readonly reason: RejectReason };

/**
 * Reasons that mean "no tenant can be named", as opposed to "something is wrong".
 * Malformed or multi-provider `identities` are not among them: Cognito writes that value,
 * so either is an anomaly, and in a dedicated pool the tenant is named by the pool anyway;
 * issuing tokens there would skip the email-domain check (#19.7).
 */
const TENANTLESS: ReadonlySet<RejectReason> = new Set(['no-identity', 'unknown-tenant']);

/** Reason code of any thrown value; unknown errors are `internal-error`. */
export function reasonOf(error: unknown): RejectReason {
  return error instanceof TriggerError ? error.reason : 'internal-error';
}

/** Decides what a failure leads to. Store errors and attacks never yield tokens. */
export function decideOutcome(error: unknown, allowTokensWithoutTenant: boolean): Outcome {
  const reason = reasonOf(error);
  return allowTokensWithoutTenant && TENANTLESS.has(reason)
    ? { kind: 'no-tenant', reason }
    : { kind: 'reject', reason };
}
