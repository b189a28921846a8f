import { describe, expect, it, jest } from '@jest/globals';
import { CacheBusyError, CacheLoadTimeoutError, type TtlCacheOptions } from '../../src/ttl-cache';
import { cacheOnClock, deferred } from '../../testing/ttl-cache';

function setup(overrides: Partial<Omit<TtlCacheOptions, 'now'>> = {}) {
  const options = {
    ttlMs: 60_000,
    negativeTtlMs: 10_000,
    staleIfErrorMs: 300_000,
    maxEntries: 3,
    ...overrides,
  };
  const { cache, advance } = cacheOnClock<string>(options, 1_000_000);
  return { cache, clock: { advance } };
}

describe('TtlCache', () => {
  it('peeks at fresh entries synchronously, negative ones included, without loading', async () => {
    const { cache, clock } = setup();
    expect(cache.peek('a')).toBeUndefined();
    await cache.get('a', async () => 'v:a');
    await cache.get('gone', async () => undefined);
    expect(cache.peek('a')).toEqual({ value: 'v:a', source: 'hit' });
    expect(cache.peek('gone')).toEqual({ value: undefined, source: 'hit' });
    clock.advance(10_000);
    expect(cache.peek('gone')).toBeUndefined();
    clock.advance(50_000);
    expect(cache.peek('a')).toBeUndefined();
  });

  it('counts a peek as a use for eviction', async () => {
    const { cache } = setup();
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    cache.peek('a');
    await cache.get('d', async () => 'd');
    expect(cache.peek('a')).toEqual({ value: 'a', source: 'hit' });
    expect(cache.peek('b')).toBeUndefined();
  });

  it('loads once and serves hits until the TTL passes', async () => {
    const { cache, clock } = setup();
    const load = jest.fn(async (key: string) => `v:${key}`);
    expect(await cache.get('a', load)).toEqual({ value: 'v:a', source: 'load' });
    clock.advance(59_999);
    expect(await cache.get('a', load)).toEqual({ value: 'v:a', source: 'hit' });
    clock.advance(1);
    expect(await cache.get('a', load)).toEqual({ value: 'v:a', source: 'load' });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('remembers "not found" for the negative TTL only', async () => {
    const { cache, clock } = setup();
    const load = jest.fn(async () => undefined);
    expect(await cache.get('x', load)).toEqual({ value: undefined, source: 'load' });
    clock.advance(9_999);
    expect(await cache.get('x', load)).toEqual({ value: undefined, source: 'hit' });
    clock.advance(1);
    await cache.get('x', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('coalesces concurrent misses into one load', async () => {
    const { cache } = setup();
    const gate = deferred<string>();
    const load = jest.fn(() => gate.promise);
    const all = Promise.all(Array.from({ length: 100 }, () => cache.get('a', load)));
    gate.resolve('v');
    const results = await all;
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 'v')).toBe(true);
  });

  it('shares a failed load with every waiter and does not cache the failure', async () => {
    const { cache } = setup();
    const load = jest.fn(async () => {
      throw new Error('throttled');
    });
    const results = await Promise.allSettled([cache.get('a', load), cache.get('a', load)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(cache.get('a', async () => 'ok')).resolves.toEqual({ value: 'ok', source: 'load' });
  });

  it('serves a stale value when the reload fails within the stale window', async () => {
    const { cache, clock } = setup();
    await cache.get('a', async () => 'old');
    clock.advance(60_000);
    const failing = async () => {
      throw new Error('timeout');
    };
    expect(await cache.get('a', failing)).toEqual({ value: 'old', source: 'stale' });
    clock.advance(300_000);
    await expect(cache.get('a', failing)).rejects.toThrow('timeout');
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { cache } = setup();
    const load = jest.fn(async (k: string) => k);
    for (const k of ['a', 'b', 'c']) await cache.get(k, load);
    await cache.get('a', load);
    await cache.get('d', load);
    expect(cache.size).toBe(3);
    await cache.get('a', load);
    await cache.get('b', load);
    expect(load.mock.calls.map((c) => c[0])).toEqual(['a', 'b', 'c', 'd', 'b']);
  });

  it('fails fast when too many keys are loading at once', async () => {
    const { cache } = setup({ maxConcurrentLoads: 2 });
    const gate = deferred<string>();
    const slow = () => gate.promise;
    const first = cache.get('a', slow);
    const second = cache.get('b', slow);
    await expect(cache.get('c', slow)).rejects.toBeInstanceOf(CacheBusyError);
    expect(cache.loading).toBe(2);
    gate.resolve('v');
    await Promise.all([first, second]);
    expect(cache.loading).toBe(0);
  });

  it('times out a hanging load and serves stale if it can', async () => {
    const { cache, clock } = setup({ loadTimeoutMs: 20 });
    const hang = () => new Promise<string>(() => {});
    await expect(cache.get('a', hang)).rejects.toBeInstanceOf(CacheLoadTimeoutError);
    await cache.get('b', async () => 'old');
    clock.advance(60_000);
    expect(await cache.get('b', hang)).toEqual({ value: 'old', source: 'stale' });
  });

  it('supports set, delete and clear', async () => {
    const { cache } = setup();
    const load = jest.fn(async () => 'loaded');
    cache.set('a', 'preset');
    expect(await cache.get('a', load)).toEqual({ value: 'preset', source: 'hit' });
    cache.delete('a');
    expect((await cache.get('a', load)).source).toBe('load');
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('refuses nonsensical options', () => {
    expect(() => setup({ ttlMs: -1 })).toThrow('ttlMs must be >= 0');
    expect(() => setup({ maxEntries: 0 })).toThrow('maxEntries must be >= 1');
    expect(() => setup({ maxConcurrentLoads: 0 })).toThrow('maxConcurrentLoads');
    expect(() => setup({ loadTimeoutMs: 0 })).toThrow('loadTimeoutMs');
  });
});
