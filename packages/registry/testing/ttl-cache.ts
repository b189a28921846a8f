/**
 * Tests of code behind the shared {@link TtlCache}: a cache on a clock the test moves by
 * hand, and a load the test settles when it chooses (to hold a call in flight).
 */
import { TtlCache, type TtlCacheOptions } from '../src/ttl-cache';

/** A cache whose clock starts at `start` and moves only by `advance(ms)`. */
export function cacheOnClock<V>(
  options: Omit<TtlCacheOptions, 'now'>,
  start = 0,
): { readonly cache: TtlCache<V>; readonly advance: (ms: number) => number } {
  let now = start;
  return { cache: new TtlCache<V>({ ...options, now: () => now }), advance: (ms) => (now += ms) };
}

/** A promise and the functions that settle it. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

/** A promise settled from outside (`Promise.withResolvers`, which the ES2023 lib does not type). */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
