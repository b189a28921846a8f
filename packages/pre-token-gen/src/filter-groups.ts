/**
 * Keeps the IdP groups a tenant's tokens may carry (the registry's allow list and
 * prefixes) and caps them, so one IdP cannot grant another tenant's group names or
 * push a token past header limits.
 */
import type { GroupPolicy } from '@cognito-tenancy/registry/records';

/** Groups allowed by exact name or by prefix; order kept. Matching is case-sensitive. */
export function allowedGroups(groups: readonly string[], policy: GroupPolicy): string[] {
  const exact = new Set(policy.allow);
  return groups.filter((g) => exact.has(g) || policy.prefixes.some((p) => g.startsWith(p)));
}

export interface GroupCaps {
  readonly maxGroups: number;
  /** Bytes of the list as a JSON array, as it appears in the token. */
  readonly maxBytes: number;
}

export interface CappedGroups {
  readonly groups: readonly string[];
  readonly truncated: boolean;
}

const utf8Bytes = (value: string) => Buffer.byteLength(value, 'utf8');

/**
 * The longest prefix of `groups` within both caps. A prefix (not a best fit) keeps the
 * result predictable: the IdP's order decides which groups survive.
 */
export function capGroups(groups: readonly string[], caps: GroupCaps): CappedGroups {
  const kept: string[] = [];
  let bytes = 2; // "[]"
  for (const group of groups) {
    const cost = utf8Bytes(JSON.stringify(group)) + (kept.length > 0 ? 1 : 0);
    if (kept.length >= caps.maxGroups || bytes + cost > caps.maxBytes) {
      return { groups: kept, truncated: true };
    }
    kept.push(group);
    bytes += cost;
  }
  return { groups: kept, truncated: false };
}
