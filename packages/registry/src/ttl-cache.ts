/**
 * The one lookup cache used by every Lambda: positive and negative TTLs, concurrent
 * misses coalesced into one load, stale-if-error, a bounded size and an optional bound on
 * concurrent loads and on how long a load may take. The clock is injected. Entries are
 * kept in a {@link BoundedCache} (least recently used out, one at a time).
 */
import { BoundedCache } from './bounded-cache';

/** Where a returned value came from. */
export type CacheSource = 'hit' | 'load' | 'stale';

export interface CacheResult<V> {
  /** `undefined` means "known not to exist" (a negative entry). */
  readonly value: V | undefined;
  readonly source: CacheSource;
}

export interface TtlCacheOptions {
  /** How long a found value is served without asking the store. */
  readonly ttlMs: number;
  /** How long "not found" is remembered. */
  readonly negativeTtlMs: number;
  /** How long past expiry an entry may still be served when a reload fails. 0 disables. */
  readonly staleIfErrorMs: number;
  /** Entries kept at most; the least recently used is evicted first (BoundedCache). */
  readonly maxEntries: number;
  /** Loads running at once at most; more misses fail fast with {@link CacheBusyError}. */
  readonly maxConcurrentLoads?: number;
  /** A load that has not settled by then counts as failed (stale value or error). */
  readonly loadTimeoutMs?: number;
  /** Milliseconds clock; `Date.now` by default. */
  readonly now?: () => number;
}

/** Too many different keys are being loaded at once. */
export class CacheBusyError extends Error {
  override readonly name = 'CacheBusyError';
  constructor() {
    super('too many concurrent cache loads');
  }
}

/** A load did not settle within `loadTimeoutMs`. */
export class CacheLoadTimeoutError extends Error {
  override readonly name = 'CacheLoadTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`cache load timed out after ${timeoutMs} ms`);
  }
}

interface Entry<V> {
  readonly value: V | undefined;
  readonly expiresAt: number;
  readonly staleUntil: number;
}

function checkOptions(options: TtlCacheOptions): void {
  for (const name of ['ttlMs', 'negativeTtlMs', 'staleIfErrorMs'] as const) {
    if (!Number.isFinite(options[name]) || options[name] < 0) throw new RangeError(`${name} must be >= 0`);
  }
  if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1)
    throw new RangeError('maxEntries must be >= 1');
  if (options.maxConcurrentLoads !== undefined && !(options.maxConcurrentLoads >= 1)) {
    throw new RangeError('maxConcurrentLoads must be >= 1');
  }
  if (options.loadTimeoutMs !== undefined && !(options.loadTimeoutMs > 0)) {
    throw new RangeError('loadTimeoutMs must be > 0');
  }
}

/** A TTL cache keyed by string. See {@link TtlCacheOptions}. */
export class TtlCache<V> {
  private readonly entries: BoundedCache<Entry<V>>;
  private readonly inFlight = new Map<string, Promise<CacheResult<V>>>();
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions) {
    checkOptions(options);
    this.now = options.now ?? Date.now;
    // Expiry is this class's own (entries outlive their TTL for stale-if-error).
    this.entries = new BoundedCache({ maxEntries: options.maxEntries });
  }

  /** Number of entries held (fresh or stale). */
  get size(): number {
    return this.entries.size;
  }

  /** Number of loads running now. */
  get loading(): number {
    return this.inFlight.size;
  }

  /**
   * Returns the cached value for `key`, or loads it. `load` resolves to the value, or to
   * `undefined` for "does not exist" (cached for the negative TTL). If `load` fails and
   * an entry within its stale window exists, that entry is served; otherwise the error
   * propagates to every caller waiting on that load.
   */
  get(key: string, load: (key: string) => Promise<V | undefined>): Promise<CacheResult<V>> {
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.expiresAt) {
      return Promise.resolve({ value: entry.value, source: 'hit' });
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const max = this.options.maxConcurrentLoads;
    if (max !== undefined && this.inFlight.size >= max) {
      if (entry && this.now() < entry.staleUntil)
        return Promise.resolve({ value: entry.value, source: 'stale' });
      return Promise.reject(new CacheBusyError());
    }
    const promise = this.run(key, load).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /**
   * The fresh entry for `key`, synchronously, without loading: `{ value, source: 'hit' }`
   * (`value` `undefined` for a fresh negative entry), or `undefined` when there is no
   * fresh entry. For hot paths that answer without a promise when they can and fall back
   * to {@link get} otherwise.
   */
  peek(key: string): CacheResult<V> | undefined {
    const entry = this.entries.get(key);
    if (!entry || this.now() >= entry.expiresAt) return undefined;
    return { value: entry.value, source: 'hit' };
  }

  /** Stores a value as if it had just been loaded. */
  set(key: string, value: V | undefined): void {
    const now = this.now();
    const ttl = value === undefined ? this.options.negativeTtlMs : this.options.ttlMs;
    const expiresAt = now + ttl;
    this.entries.set(key, { value, expiresAt, staleUntil: expiresAt + this.options.staleIfErrorMs });
  }

  /** Forgets one key. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets everything (in-flight loads still settle). */
  clear(): void {
    this.entries.clear();
  }

  private async run(key: string, load: (key: string) => Promise<V | undefined>): Promise<CacheResult<V>> {
    try {
      const value = await this.withTimeout(load(key));
      this.set(key, value);
      return { value, source: 'load' };
    } catch (error) {
      const entry = this.entries.get(key);
      if (entry && this.now() < entry.staleUntil) return { value: entry.value, source: 'stale' };
      throw error;
    }
  }

  private withTimeout(promise: Promise<V | undefined>): Promise<V | undefined> {
    const timeoutMs = this.options.loadTimeoutMs;
    if (timeoutMs === undefined) return promise;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CacheLoadTimeoutError(timeoutMs)), timeoutMs);
      timer.unref?.();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
