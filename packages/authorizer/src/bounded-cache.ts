/**
 * The authorizer's one in-memory cache: a `Map` bounded to `maxEntries`, the least recently
 * used entry evicted first (one at a time; never cleared wholesale, so a flood of new keys
 * cannot flush what the steady traffic needs), each entry with an optional expiry on the
 * injected clock. Every cache and memo of the authorizer is one of these; lookups that
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

  /** The live value for `key` (marked most recently used), or `undefined`. An expired entry is dropped. */
  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt !== Number.POSITIVE_INFINITY && this.now() >= slot.expiresAt) {
      this.slots.delete(key);
      return undefined;
    }
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** Stores `value`, live until `expiresAt` (clock milliseconds; never expires by default). */
  set(key: string, value: V, expiresAt = Number.POSITIVE_INFINITY): void {
    this.slots.delete(key);
    this.slots.set(key, { value, expiresAt });
    if (this.slots.size > this.options.maxEntries) {
      const oldest = this.slots.keys().next();
      if (!oldest.done) this.slots.delete(oldest.value);
    }
  }

  /**
   * The value for `key`, computed by `make` and stored when absent: the memo of a pure
   * function. A memo hit skips the recency update (recomputing is cheap; the hot path is
   * not), so memo entries leave oldest-stored first.
   */
  memo(key: string, make: (key: string) => V): V {
    const slot = this.slots.get(key);
    if (slot !== undefined && slot.expiresAt === Number.POSITIVE_INFINITY) return slot.value;
    const value = make(key);
    this.set(key, value);
    return value;
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  get size(): number {
    return this.slots.size;
  }
}
