/**
 * The verified-token cache: identities already verified and bound to the tenant host,
 * found by the exact request domain and `Authorization` value (the same identity sources
 * API Gateway's own result cache uses). The entry is looked up by the `Authorization`
 * value and holds the domain, which must be equal too: two fields compared apart, so no
 * request can be taken for another, and no joined key is built and hashed per request.
 * (A token used on a second domain replaces the entry: a token belongs to one tenant, and
 * a browser keeps one token per origin.) It answers synchronously, because a hit must cost
 * a small fraction of one signature check.
 * Entries live for a short TTL and never past the token's `exp`; only allowed decisions
 * are stored, so attacker input never occupies it. An entry also holds the last "not
 * revoked" answer of the forced sign-out check with that answer's own expiry, so a hit
 * asks the check again only when that answer is due (verify-request.ts).
 */

import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import type { TenantContext } from '@cognito-tenancy/registry/routes';
import { tenantContext, type VerifiedIdentity } from './policy';

export interface DecisionCacheOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
}

/** One cached decision. */
export interface CachedDecision {
  /** The request domain the decision was made for (`undefined`: none, a TOKEN event). */
  readonly host: string | undefined;
  readonly identity: VerifiedIdentity;
  /** Built once per entry, reused by every hit. */
  readonly context: TenantContext;
  /** Milliseconds: the earlier of the TTL and the token's `exp`. */
  readonly until: number;
  /** Milliseconds: until then the revocation answer held here is reused (0: ask the check). */
  revocationFreshUntil: number;
}

/** Outcome of a lookup: a usable decision, or why there is none. */
export type Lookup =
  | {
      readonly state: 'hit';
      readonly identity: VerifiedIdentity;
      readonly context: TenantContext;
      readonly decision: CachedDecision;
    }
  | { readonly state: 'miss' }
  | { readonly state: 'expired' };

const MISS: Lookup = { state: 'miss' };
const EXPIRED: Lookup = { state: 'expired' };

/** See the module comment. */
export class DecisionCache {
  private readonly entries: BoundedCache<CachedDecision>;

  constructor(private readonly options: DecisionCacheOptions) {
    this.entries = new BoundedCache({ maxEntries: options.maxEntries, now: options.now });
  }

  /**
   * One string for a request's domain and `Authorization` value (used to share one
   * verification between concurrent identical requests): the domain length-prefixed
   * (`-` when there is none), so no pair can spell another pair's key.
   */
  static key(host: string | undefined, authorization: string): string {
    return host === undefined ? `-${authorization}` : `${host.length}:${host}${authorization}`;
  }

  get(host: string | undefined, authorization: string, now = this.options.now()): Lookup {
    const entry = this.entries.get(authorization);
    if (entry === undefined || entry.host !== host) return MISS;
    if (now < entry.until) {
      return { state: 'hit', identity: entry.identity, context: entry.context, decision: entry };
    }
    this.entries.delete(authorization);
    // Past exp the token is expired whatever a fresh verification would say.
    return now >= entry.identity.exp * 1000 ? EXPIRED : MISS;
  }

  /** Stores an allowed decision; returns the entry (to hold the revocation answer). */
  set(host: string | undefined, authorization: string, identity: VerifiedIdentity): CachedDecision {
    const until = Math.min(this.options.now() + this.options.ttlMs, identity.exp * 1000);
    const context = tenantContext(identity);
    const entry: CachedDecision = { host, identity, context, until, revocationFreshUntil: 0 };
    this.entries.set(authorization, entry);
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
