/**
 * Reads tenant claims items from the DynamoDB tenant table through the shared TTL
 * cache: positive and negative entries, coalesced misses, stale-if-error and a hard
 * bound on how long a load may take. Any failure becomes a `RegistryError` that
 * names no table or ARN.
 */
import { parseTenantClaimsItem, type TenantClaimsItem } from '@cognito-tenancy/registry/records';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import type { TenantLookup } from './bind-tenant';
import { asRegistryError, type ItemSource, loadItem } from './registry-item';

export interface TenantStoreDeps extends ItemSource {
  readonly cache: TtlCache<TenantClaimsItem>;
}

/** A {@link TenantLookup} over the tenant table. */
export function createTenantLookup(deps: TenantStoreDeps): TenantLookup {
  const load = (pk: string) => loadItem(deps, pk, parseTenantClaimsItem);
  return async (key) => {
    try {
      return (await deps.cache.get(key.pk, load)).value;
    } catch (error) {
      throw asRegistryError(error);
    }
  };
}
