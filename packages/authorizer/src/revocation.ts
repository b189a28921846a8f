/**
 * The forced sign-out hook. Off unless a check is passed to the handler factory; the
 * forced sign-out feature supplies one (revocation-store.ts: the revocations table,
 * cached per user).
 */
import type { MaybePromise } from './maybe-promise';

/** Who a verified token belongs to and when it was issued. */
export interface RevocationQuery {
  readonly tenantId: string;
  readonly userPoolId: string;
  readonly sub: string;
  /** The token's `iat`, in seconds since the epoch. */
  readonly issuedAt: number;
}

/**
 * A "not revoked" answer that holds until `freshUntil` (milliseconds since the epoch on
 * the authorizer's clock): a cached decision reuses it until then without asking again.
 * It must not outlive what the check itself would answer from its cache.
 */
export interface RevocationAnswer {
  readonly revoked: boolean;
  readonly freshUntil: number;
}

/**
 * Answers `true` when tokens of this user issued at `issuedAt` are revoked (issued before
 * the user's cut-off), `false` or a {@link RevocationAnswer} otherwise. It runs for every
 * verified token and on verified-token cache hits once a held answer is due, so it should
 * cache, and answer synchronously when it can (no promise on the warm path); it must throw
 * or reject (not answer `false`) when it cannot tell, so the authorizer fails closed.
 */
export type RevocationCheck = (query: RevocationQuery) => MaybePromise<boolean | RevocationAnswer>;
