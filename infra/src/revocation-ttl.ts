/**
 * How long a forced sign-out's cut-off must be kept: past the expiry of every token it
 * revokes. A token revoked by a cut-off was issued before it, so it expires within the
 * longest ID or access token lifetime of the environment's pools after it.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';

/** Added to the longest token lifetime: clock skew and slack, cheap (an item is a few bytes). */
export const REVOCATION_TTL_MARGIN_SECONDS = 3600;

/** The longest ID or access token lifetime of any pool of the environment, in seconds. */
export function longestTokenSeconds(env: ResolvedEnvironment): number {
  const settings = [
    ...(env.sharedPool && env.tenants.some((t) => t.pattern === 'shared') ? [env.sharedPool] : []),
    ...env.tenants.flatMap((t) => (t.pattern === 'dedicated' && t.pool ? [t.pool] : [])),
  ];
  const minutes = settings.flatMap((s) => [
    s.tokenValidity.accessTokenMinutes,
    s.tokenValidity.idTokenMinutes,
  ]);
  // No pool (an environment without tenants): Cognito's default of 60 minutes.
  return (minutes.length === 0 ? 60 : Math.max(...minutes)) * 60;
}

/** The revocation item's TTL past its cut-off (`REVOCATION_TTL_SECONDS` of sign-out). */
export function revocationTtlSeconds(env: ResolvedEnvironment): number {
  return longestTokenSeconds(env) + REVOCATION_TTL_MARGIN_SECONDS;
}
