/**
 * The forced sign-out hook. Off unless a check is passed to the handler factory; the
 * forced sign-out feature supplies one (a per-tenant revocations table, cached per user).
 */

/** Who a verified token belongs to and when it was issued. */
export interface RevocationQuery {
  readonly tenantId: string;
  readonly userPoolId: string;
  readonly sub: string;
  /** The token's `iat`, in seconds since the epoch. */
  readonly issuedAt: number;
}

/**
 * Resolves `true` when tokens of this user issued at `issuedAt` are revoked (issued before
 * the user's cut-off). It runs on every request, including verified-token cache hits, so it
 * should cache; it must reject (not resolve `false`) when it cannot tell, so the authorizer
 * fails closed.
 */
export type RevocationCheck = (query: RevocationQuery) => Promise<boolean>;
