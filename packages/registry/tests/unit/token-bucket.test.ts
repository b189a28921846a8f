import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from '../../src/token-bucket';

/** A bucket on a clock the test sets; `burst` defaults to the rate, as the bucket's own does. */
function clocked(rate: number, burst = rate) {
  let now = 0;
  const budget = new TokenBucket(rate, () => now, burst);
  const takeAll = (n: number) => Array.from({ length: n }, () => budget.take()).filter(Boolean).length;
  return { budget, takeAll, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

describe('TokenBucket', () => {
  it('allows a burst of the rate, then refuses', () => {
    const { takeAll } = clocked(10);
    expect(takeAll(25)).toBe(10);
  });

  it('refills at the rate per second, up to the burst', () => {
    const { takeAll, advance } = clocked(10);
    takeAll(10);
    advance(500);
    expect(takeAll(10)).toBe(5);
    advance(60_000);
    expect(takeAll(100)).toBe(10);
  });

  it('refills a fractional rate slowly, and refuses a rate that is not > 0', () => {
    const { budget, set } = clocked(0.5, 1);
    expect([budget.take(), budget.take()]).toEqual([true, false]);
    set(1_000);
    expect(budget.take()).toBe(false);
    set(2_000);
    expect(budget.take()).toBe(true);
    for (const rate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new TokenBucket(rate, () => 0, 1)).toThrow('ratePerSecond must be a finite number > 0');
    }
  });

  it('refills nothing when the clock goes backwards', () => {
    const { takeAll, set } = clocked(5);
    set(10_000);
    takeAll(5);
    set(0);
    expect(takeAll(5)).toBe(0);
    set(10_200);
    expect(takeAll(5)).toBe(1);
  });

  it('saves up to a larger burst when given one', () => {
    const { takeAll, advance } = clocked(5, 10);
    expect(takeAll(25)).toBe(10);
    advance(200);
    expect(takeAll(5)).toBe(1);
    advance(60_000);
    expect(takeAll(25)).toBe(10);
  });

  it('refuses a rate or burst below 1', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(1, Date.now, 0)).toThrow(RangeError);
  });
});
