/**
 * The one in-memory cache: a `Map` bounded to `maxEntries` that evicts one
 * entry at a time (never clears wholesale, so a flood of new keys cannot flush what the
 * steady traffic needs), each entry with an optional expiry on the injected clock.
 * Eviction is least-recently-used by the CLOCK (second chance) rule: a hit only marks its
 * entry as used, and the oldest entry leaves unless it was used since it was last passed
 * over, in which case it moves to the back. A hit therefore never reorders the map, which
 * on the hottest path (the verified-token cache) measured about twice the cost of the
 * lookup itself. Every cache and memo of the authorizer is one of these; lookups that
 * load from a store go through the registry's TtlCache, which adds coalescing, negative
 * entries and stale-if-error on top of the same LRU rule.
 */

export interface BoundedCacheOptions {
  /** Entries kept at most. */
  readonly maxEntries: number;
  /** Milliseconds clock, for entries stored with an expiry; `Date.now` by default. */
  readonly now?: () => number;
}

interface Slot<V> {
  readonly value: V;
  /** Milliseconds on the clock; `Infinity` for entries that do not expire. */
  readonly expiresAt: number;
  /** Used since it was stored or last passed over by eviction. */
  used: boolean;
}

/** See the module comment. */
export class BoundedCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private readonly now: () => number;

  constructor(private readonly options: BoundedCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError('maxEntries must be an integer >= 1');
    }
    this.now = options.now ?? Date.now;
  }

  /** The live value for `key` (marked used), or `undefined`. An expired entry is dropped. */
  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt !== Number.POSITIVE_INFINITY && this.now() >= slot.expiresAt) {
      this.slots.delete(key);
      return undefined;
    }
    slot.used = true;
    return slot.value;
  }

  /** Stores `value`, live until `expiresAt` (clock milliseconds; never expires by default). */
  set(key: string, value: V, expiresAt = Number.POSITIVE_INFINITY): void {
    this.slots.delete(key);
    this.slots.set(key, { value, expiresAt, used: false });
    if (this.slots.size > this.options.maxEntries) this.evictOne(key);
  }

  /**
   * Drops the oldest entry not used since last passed over; used ones get a second chance.
   * `keep` (the entry just stored) is never the one dropped: when every other entry was
   * used, the pass would otherwise come round to it first and store nothing.
   */
  private evictOne(keep: string): void {
    // At most one pass: after it every other entry has been passed over once, so one is unused.
    for (let step = 0; step <= this.options.maxEntries + 1; step++) {
      const oldest = this.slots.entries().next();
      if (oldest.done) return;
      const [key, slot] = oldest.value;
      this.slots.delete(key);
      if (key === keep) {
        this.slots.set(key, slot);
        continue;
      }
      if (!slot.used) return;
      slot.used = false;
      this.slots.set(key, slot);
    }
  }

  /**
   * The value for `key`, computed by `make` and stored when absent: the memo of a pure
   * function; a hit counts as a use.
   */
  memo(key: string, make: (key: string) => V): V {
    const slot = this.slots.get(key);
    if (slot !== undefined && slot.expiresAt === Number.POSITIVE_INFINITY) {
      slot.used = true;
      return slot.value;
    }
    const value = make(key);
    this.set(key, value);
    return value;
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.slots.clear();
  }

  get size(): number {
    return this.slots.size;
  }
}
