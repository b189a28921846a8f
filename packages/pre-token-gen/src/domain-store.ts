/**
 * Reads `DOMAIN#<domain>` items (home-realm discovery records) through the shared TTL
 * cache, for the one case that needs them: an address in a subdomain of the tenant's
 * domain, accepted only when discovery gives that subdomain to the same tenant.
 */
import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import { domainItemKey, TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { type DomainItem, parseDomainItem } from '@cognito-tenancy/registry/records';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { asRegistryError, type ItemSource, loadItem } from './registry-item';

export interface DomainStoreDeps extends ItemSource {
  readonly cache: TtlCache<DomainItem>;
}

/** A {@link DomainLookup} over the tenant table; failures are `RegistryError`s. */
export function createDomainLookup(deps: DomainStoreDeps): DomainLookup {
  const load = (domain: string) =>
    loadItem(deps, domainItemKey(domain)[TENANT_TABLE_PARTITION_KEY], parseDomainItem);
  return async (domain) => {
    try {
      return await deps.cache.get(domain, load);
    } catch (error) {
      throw asRegistryError(error);
    }
  };
}
