/**
 * Home-realm discovery rules, free of I/O: the exact email domain first, then an opt-in
 * fallback to a parent domain whose tenant set `includeSubdomains`.
 */

import { parentDomains } from '@cognito-tenancy/registry/normalize';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import type { CacheSource } from '@cognito-tenancy/registry/ttl-cache';
import type { DomainLookup } from './domain-store';

/**
 * Parent domains consulted at most, the shortest ones (nearest the registrable domain):
 * bounds the reads one request can cause to 1 + 4 whatever the depth of the name.
 */
export const MAX_PARENT_LOOKUPS = 4;

export type MatchResult =
  | {
      readonly found: true;
      readonly item: DomainItem;
      readonly matchedBy: 'exact' | 'parent';
      readonly source: CacheSource;
    }
  | { readonly found: false };

/**
 * Finds the tenant of a normalised email domain.
 *
 * Rule: an item for the exact domain wins. Otherwise the nearest parent that has an item
 * decides: it matches only if that tenant opted in with `includeSubdomains`; if it did not,
 * the answer is "no tenant" (a farther parent is not consulted, so a registered subdomain
 * is never overridden by its parent's tenant). A lookup error on a parent nearer than the
 * deciding one propagates, because that parent might have decided differently.
 */
export async function matchTenant(domain: string, lookup: DomainLookup): Promise<MatchResult> {
  const exact = await lookup(domain);
  if (exact.value !== undefined) {
    return { found: true, item: exact.value, matchedBy: 'exact', source: exact.source };
  }
  const parents = parentDomains(domain).slice(-MAX_PARENT_LOOKUPS);
  // Parents are fetched together (each cached and coalesced) and then read nearest first.
  const results = await Promise.allSettled(parents.map((parent) => lookup(parent)));
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    const item = result.value.value;
    if (item === undefined) continue;
    if (!item.includeSubdomains) return { found: false };
    return { found: true, item, matchedBy: 'parent', source: result.value.source };
  }
  return { found: false };
}
