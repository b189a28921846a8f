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
 * Answers `true` when tokens of this user issued at `issuedAt` are revoked (issued before
 * the user's cut-off). It runs on every request, including verified-token cache hits, so it
 * should cache, and answer synchronously when it can (a plain boolean keeps the warm path
 * free of promises); it must throw or reject (not answer `false`) when it cannot tell, so
 * the authorizer fails closed.
 */
export type RevocationCheck = (query: RevocationQuery) => MaybePromise<boolean>;
