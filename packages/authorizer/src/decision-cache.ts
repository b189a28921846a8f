/**
 * The verified-token cache: identities already verified and bound to the tenant host,
 * keyed by the exact request domain and `Authorization` value (the same identity sources
 * API Gateway's own result cache uses). It answers synchronously, because a hit must cost
 * a small fraction of one signature check; the registry's TtlCache answers with a promise
 * and cannot. Entries live for a short TTL and never past the token's `exp`; only allowed
 * decisions are stored, so attacker input never occupies it.
 */
import type { TenantContext } from '@cognito-tenancy/registry/routes';
import { tenantContext, type VerifiedIdentity } from './policy';

export interface DecisionCacheOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
}

interface Entry {
  readonly identity: VerifiedIdentity;
  /** Built once per entry, reused by every hit. */
  readonly context: TenantContext;
  /** Milliseconds: the earlier of the TTL and the token's `exp`. */
  readonly until: number;
}

/** Outcome of a lookup: a usable identity, or why there is none. */
export type Lookup =
  | { readonly state: 'hit'; readonly identity: VerifiedIdentity; readonly context: TenantContext }
  | { readonly state: 'miss' }
  | { readonly state: 'expired' };

const MISS: Lookup = { state: 'miss' };
const EXPIRED: Lookup = { state: 'expired' };

/** See the module comment. */
export class DecisionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: DecisionCacheOptions) {}

  /** The cache key of a request: the domain and the raw `Authorization` value. */
  static key(host: string | undefined, authorization: string): string {
    return `${host ?? ''}\n${authorization}`;
  }

  get(key: string): Lookup {
    const entry = this.entries.get(key);
    if (entry === undefined) return MISS;
    const now = this.options.now();
    if (now < entry.until) return { state: 'hit', identity: entry.identity, context: entry.context };
    this.entries.delete(key);
    // Past exp the token is expired whatever a fresh verification would say.
    return now >= entry.identity.exp * 1000 ? EXPIRED : MISS;
  }

  set(key: string, identity: VerifiedIdentity): void {
    const until = Math.min(this.options.now() + this.options.ttlMs, identity.exp * 1000);
    this.entries.delete(key);
    this.entries.set(key, { identity, context: tenantContext(identity), until });
    // Oldest first (insertion order): with a short TTL, FIFO eviction is as good as LRU.
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
