import { compare, median, quantile, ratio } from '@cognito-tenancy/bench/measure';
import { describe, expect, it } from '@jest/globals';

const TINY = { durationMs: 15, rounds: 3, samples: 20, warmup: 2 };

function busyWait(us: number): void {
  const end = process.hrtime.bigint() + BigInt(us * 1000);
  while (process.hrtime.bigint() < end) {
    // spin: a call that takes at least `us` microseconds
  }
}

describe('quantile', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns the nearest-rank value', () => {
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(sorted, 0.995)).toBe(100);
  });

  it('clamps to the first and last value', () => {
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it('is NaN for no values', () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('median', () => {
  it('sorts before picking, and takes the lower middle of an even count', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('ratio', () => {
  it('formats a / b with two decimals', () => {
    expect(ratio(2, 3)).toBe('0.67x');
    expect(ratio(44_600, 11_150)).toBe('4.00x');
  });
});

describe('compare', () => {
  it('interleaves the contenders: warm-up, each round, then samples, in turn', async () => {
    const calls: string[] = [];
    const results = await compare(
      [
        { name: 'a', fn: () => calls.push('a') },
        { name: 'b', fn: async () => calls.push('b') },
      ],
      TINY,
    );
    const turns = calls.filter((name, i) => name !== calls[i - 1]);
    // warm-up (a b) + 3 rounds (a b a b a b) + samples (a b)
    expect(turns).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(results.map((r) => r.name)).toEqual(['a', 'b']);
  });

  it('counts the timed calls and derives a rate from them', async () => {
    let count = 0;
    const [result] = await compare([{ name: 'n', fn: () => count++ }], TINY);
    expect(result?.calls).toBe(count - TINY.warmup - TINY.samples);
    expect(result?.opsPerSecond).toBeGreaterThan(0);
  });

  it('reports per-call latency: a 1 ms call has p50 and p99 of at least 1,000 µs', async () => {
    const [slow] = await compare([{ name: 'slow', fn: () => busyWait(1000) }], { ...TINY, samples: 5 });
    expect(slow?.p50Us).toBeGreaterThanOrEqual(1000);
    expect(slow?.p99Us).toBeGreaterThanOrEqual(slow?.p50Us ?? Number.POSITIVE_INFINITY);
    expect(slow?.opsPerSecond).toBeLessThanOrEqual(1000);
  });

  it('awaits async contenders (a 2 ms timer caps the rate at 500/s)', async () => {
    const [timer] = await compare(
      [{ name: 'timer', fn: () => new Promise((resolve) => setTimeout(resolve, 2)) }],
      { ...TINY, durationMs: 30, samples: 3 },
    );
    expect(timer?.opsPerSecond).toBeLessThanOrEqual(500);
    expect(timer?.p50Us).toBeGreaterThanOrEqual(1900);
  });
});
