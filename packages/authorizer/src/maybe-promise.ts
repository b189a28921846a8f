/**
 * Values that are ready now or later. The warm path of the authorizer (registry records
 * and keys cached) runs synchronously end to end; promises appear only when something
 * must actually be loaded. A verification costs one signature check, and a promise chain
 * per step would cost a large share of that.
 */

/** A value now, or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `next` to `value` now when it is ready, else when it resolves. */
export function chain<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * Applies `next` to two values now when both are ready, else when both resolve. Both are
 * started by the caller before this is called, so their loads run (and batch) together.
 */
export function chainBoth<A, B, U>(
  a: MaybePromise<A>,
  b: MaybePromise<B>,
  next: (a: A, b: B) => MaybePromise<U>,
): MaybePromise<U> {
  if (a instanceof Promise || b instanceof Promise) return Promise.all([a, b]).then(([x, y]) => next(x, y));
  return next(a, b);
}
