/**
 * Measurement primitives for `pnpm bench`: throughput from batched wall time (so the
 * timer's own cost does not count) and latency percentiles from per-call samples.
 */
export interface Measurement {
  readonly name: string;
  /** Calls per second over the timed batches. */
  readonly opsPerSecond: number;
  /** Per-call latency percentiles, microseconds. */
  readonly p50Us: number;
  readonly p99Us: number;
  readonly calls: number;
}

export interface MeasureOptions {
  /** Wall time spent on the throughput part. */
  readonly durationMs: number;
  /** Per-call samples taken for percentiles. */
  readonly samples: number;
  /** Untimed calls first (JIT, caches). */
  readonly warmup: number;
}

export const QUICK: MeasureOptions = { durationMs: 300, samples: 2_000, warmup: 300 };
export const FULL: MeasureOptions = { durationMs: 2_000, samples: 20_000, warmup: 2_000 };

type Call = () => unknown;

/** The value at quantile `q` (0..1) of an ascending-sorted array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

async function runBatch(fn: Call, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const result = fn();
    if (result instanceof Promise) await result;
  }
}

/** Measures `fn` (sync or async): throughput over `durationMs`, then per-call percentiles. */
export async function measure(name: string, fn: Call, options: MeasureOptions): Promise<Measurement> {
  await runBatch(fn, options.warmup);
  let calls = 0;
  let batch = 64;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(options.durationMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    await runBatch(fn, batch);
    calls += batch;
    now = process.hrtime.bigint();
    if (batch < 4096) batch *= 2;
  }
  const seconds = Number(now - start) / 1e9;
  const latencies: number[] = new Array(options.samples);
  for (let i = 0; i < options.samples; i++) {
    const t0 = process.hrtime.bigint();
    const result = fn();
    if (result instanceof Promise) await result;
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  latencies.sort((a, b) => a - b);
  return {
    name,
    opsPerSecond: calls / seconds,
    p50Us: quantile(latencies, 0.5),
    p99Us: quantile(latencies, 0.99),
    calls,
  };
}

/** `a / b`, as a string like `0.67x`. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
