/** `/app-settings.json` on the local stack (see packages/spa/src/app-settings.ts for the fields). */
import { type ResolvedEnvironment, tenantCallbackUrls } from '@cognito-tenancy/registry/environment';

/** The authorizer's revocation cache TTL when the stack sets none (its documented default). */
const DEFAULT_REVOCATION_CACHE_TTL_SECONDS = 30;

/**
 * The forced sign-out bound (result cache TTL + revocation cache TTL) and the hosts that find
 * their tenant by email: the hosts of shared tenants' callback URLs, and `localhost`.
 */
export function localAppSettings(
  env: ResolvedEnvironment,
  authorizerCacheTtlSeconds: number,
  revocationCacheTtlSeconds: number | undefined,
): { signOutBoundSeconds: number; emailDiscoveryHosts: string[] } {
  const shared = env.tenants
    .filter((t) => t.pattern === 'shared')
    .flatMap((t) => tenantCallbackUrls(t).map((url) => new URL(url).hostname));
  return {
    signOutBoundSeconds:
      authorizerCacheTtlSeconds + (revocationCacheTtlSeconds ?? DEFAULT_REVOCATION_CACHE_TTL_SECONDS),
    // The shared hosts first: the SPA names the first one to a person on a mistyped host.
    emailDiscoveryHosts: [...new Set([...shared, 'localhost'])],
  };
}
