import { describe, expect, it } from '@jest/globals';
import { BoundedCache } from '../../src/bounded-cache';

describe('BoundedCache', () => {
  it('evicts the least recently used entry, one at a time, never everything', () => {
    const cache = new BoundedCache<number>({ maxEntries: 3 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recently used

    cache.set('d', 4);

    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
    expect(cache.size).toBe(3);
  });

  it('keeps the entry just stored when every other entry was used', () => {
    for (const maxEntries of [1, 2, 3]) {
      const cache = new BoundedCache<number>({ maxEntries });
      for (let i = 0; i < maxEntries; i++) cache.set(`old-${i}`, i);
      for (let i = 0; i < maxEntries; i++) cache.get(`old-${i}`);

      cache.set('new', 99);

      expect(cache.get('new')).toBe(99);
      expect(cache.size).toBe(maxEntries);
    }
  });

  it('keeps steady keys while a flood of new keys passes through', () => {
    const cache = new BoundedCache<string>({ maxEntries: 100 });
    cache.set('steady', 'v');
    for (let i = 0; i < 10_000; i++) {
      cache.set(`flood-${i}`, 'x');
      if (i % 50 === 0) expect(cache.get('steady')).toBe('v');
    }
    expect(cache.size).toBe(100);
  });

  it('drops an entry at its expiry on the injected clock', () => {
    const clock = { now: 1000 };
    const cache = new BoundedCache<string>({ maxEntries: 10, now: () => clock.now });
    cache.set('k', 'v', 1500);
    clock.now = 1499;
    expect(cache.get('k')).toBe('v');
    clock.now = 1500;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('memoises a pure function and does not store a throw', () => {
    const cache = new BoundedCache<number>({ maxEntries: 2 });
    let calls = 0;
    const make = (key: string) => {
      calls++;
      if (key === 'bad') throw new Error('bad input');
      return key.length;
    };
    expect(cache.memo('abc', make)).toBe(3);
    expect(cache.memo('abc', make)).toBe(3);
    expect(() => cache.memo('bad', make)).toThrow('bad input');
    expect(() => cache.memo('bad', make)).toThrow('bad input');
    expect(calls).toBe(3);
    expect(cache.size).toBe(1);
  });

  it('refuses a size bound that is not a positive integer', () => {
    expect(() => new BoundedCache({ maxEntries: 0 })).toThrow('maxEntries');
    expect(() => new BoundedCache({ maxEntries: 1.5 })).toThrow('maxEntries');
  });
});
