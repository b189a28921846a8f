/**
 * Home-realm discovery rules, free of I/O: the exact email domain first, then an opt-in
 * fallback to a parent domain whose tenant set `includeSubdomains`.
 */

import { MAX_EMAIL_DOMAIN_LABELS, parentDomains } from '@cognito-tenancy/registry/normalize';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import type { CacheSource } from '@cognito-tenancy/registry/ttl-cache';
import type { DomainLookup } from './domain-store';

/**
 * Parent domains consulted at most. The registry schema refuses email domains deeper than
 * MAX_EMAIL_DOMAIN_LABELS, so only ancestors of 2..MAX labels can hold an item: reading all
 * of them is complete (no registered subdomain is skipped) and bounded whatever the depth.
 */
export const MAX_PARENT_LOOKUPS = MAX_EMAIL_DOMAIN_LABELS - 1;

/** Most reads one request can cause: the exact name plus its parents, never more. */
export const MAX_LOOKUPS_PER_REQUEST = MAX_EMAIL_DOMAIN_LABELS - 1;

/**
 * The domains that could hold an item for `domain`, in reading order: the exact name when it
 * is shallow enough to be registered, then every parent that is, nearest first.
 */
export function candidateDomains(domain: string): { exact: string | undefined; parents: string[] } {
  const registrable = (name: string) => name.split('.').length <= MAX_EMAIL_DOMAIN_LABELS;
  return {
    exact: registrable(domain) ? domain : undefined,
    parents: parentDomains(domain).filter(registrable),
  };
}

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
 * is never overridden by its parent's tenant). Every parent that could be registered is read
 * (see MAX_PARENT_LOOKUPS), so this holds at any depth; a name deeper than any registrable
 * domain is not read itself. A lookup error on a parent nearer than the deciding one
 * propagates, because that parent might have decided differently.
 */
export async function matchTenant(domain: string, lookup: DomainLookup): Promise<MatchResult> {
  const { exact, parents } = candidateDomains(domain);
  if (exact !== undefined) {
    const result = await lookup(exact);
    if (result.value !== undefined) {
      return { found: true, item: result.value, matchedBy: 'exact', source: result.source };
    }
  }
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
