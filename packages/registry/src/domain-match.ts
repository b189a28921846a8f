/**
 * The home-realm rule for email domains, written once for the two places that apply it:
 * tenant-match (which IdP to send an address to) and pre-token-gen (whether a signed-in
 * user's address belongs to the tenant of the IdP that authenticated them). Free of I/O:
 * the caller passes its cached `DOMAIN#` reader.
 */
import { MAX_EMAIL_DOMAIN_LABELS, parentDomains } from './normalize';
import type { DomainItem } from './records';
import type { CacheResult, CacheSource } from './ttl-cache';

/** Looks up the item of one normalised email domain; `value` undefined means "no item". */
export type DomainLookup = (domain: string) => Promise<CacheResult<DomainItem>>;

/**
 * Parent domains consulted at most. The schema refuses email domains deeper than
 * MAX_EMAIL_DOMAIN_LABELS, so only ancestors of 2..MAX labels can hold an item: reading all
 * of them is complete (no registered subdomain is skipped) and bounded whatever the depth.
 */
export const MAX_PARENT_LOOKUPS = MAX_EMAIL_DOMAIN_LABELS - 1;

/** Most reads one match can cause: the exact name plus its parents, never more. */
export const MAX_LOOKUPS_PER_MATCH = MAX_EMAIL_DOMAIN_LABELS - 1;

export type DomainMatch =
  | {
      readonly found: true;
      readonly item: DomainItem;
      readonly matchedBy: 'exact' | 'parent';
      readonly source: CacheSource;
    }
  | { readonly found: false };

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
export async function matchDomain(domain: string, lookup: DomainLookup): Promise<DomainMatch> {
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
