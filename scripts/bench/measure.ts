/**
 * Measurement primitives for `pnpm bench`: throughput from batched wall time (so the
 * timer's own cost does not count) and latency percentiles from per-call samples.
 * Contenders that are compared with each other are measured in interleaved rounds
 * (A B C, A B C, ...) and the median round is kept, so a burst of load from elsewhere
 * on the machine hits every contender alike instead of skewing one ratio.
 */
export interface Measurement {
  readonly name: string;
  /** Calls per second: the median over the timed rounds. */
  readonly opsPerSecond: number;
  /** Per-call latency percentiles, microseconds. */
  readonly p50Us: number;
  readonly p99Us: number;
  /** Calls made in the timed rounds. */
  readonly calls: number;
}

export interface MeasureOptions {
  /** Wall time spent on the throughput part, per contender, over all rounds. */
  readonly durationMs: number;
  /** Interleaved rounds the throughput time is split into. */
  readonly rounds: number;
  /** Per-call samples taken for percentiles. */
  readonly samples: number;
  /** Untimed calls first (JIT, caches). */
  readonly warmup: number;
}

// Many short rounds: on a shared, loaded machine a burst of load from elsewhere then hits
// every contender of a round alike, and the median round discards it.
export const QUICK: MeasureOptions = { durationMs: 300, rounds: 6, samples: 1_000, warmup: 200 };
export const FULL: MeasureOptions = { durationMs: 3_000, rounds: 20, samples: 20_000, warmup: 2_000 };

type Call = () => unknown;

/** A named function to measure. */
export interface Contender {
  readonly name: string;
  readonly fn: Call;
}

/** The value at quantile `q` (0..1) of an ascending-sorted array (nearest rank). */
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

/** Calls per second of `fn` over `durationMs` of batched calls. */
async function throughput(fn: Call, durationMs: number): Promise<{ rate: number; calls: number }> {
  let calls = 0;
  let batch = 16;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * 1e6));
  let now = start;
  while (now < deadline) {
    await runBatch(fn, batch);
    calls += batch;
    now = process.hrtime.bigint();
    if (batch < 4096) batch *= 2;
  }
  return { rate: calls / (Number(now - start) / 1e9), calls };
}

/** Per-call latencies of `fn`, microseconds, ascending. */
async function latencies(fn: Call, samples: number): Promise<number[]> {
  const out: number[] = new Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    const result = fn();
    if (result instanceof Promise) await result;
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out.sort((a, b) => a - b);
}

/** Measures every contender in interleaved rounds; see the module comment. */
export async function compare(
  contenders: readonly Contender[],
  options: MeasureOptions,
): Promise<Measurement[]> {
  for (const { fn } of contenders) await runBatch(fn, options.warmup);
  const rates = contenders.map(() => [] as number[]);
  const calls = contenders.map(() => 0);
  const slice = options.durationMs / options.rounds;
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, { fn }] of contenders.entries()) {
      const result = await throughput(fn, slice);
      rates[i]?.push(result.rate);
      calls[i] = (calls[i] ?? 0) + result.calls;
    }
  }
  const results: Measurement[] = [];
  for (const [i, { name, fn }] of contenders.entries()) {
    const sorted = await latencies(fn, options.samples);
    results.push({
      name,
      opsPerSecond: median(rates[i] ?? []),
      p50Us: quantile(sorted, 0.5),
      p99Us: quantile(sorted, 0.99),
      calls: calls[i] ?? 0,
    });
  }
  return results;
}

/** Measures one function on its own. */
export async function measure(name: string, fn: Call, options: MeasureOptions): Promise<Measurement> {
  const [result] = await compare([{ name, fn }], options);
  return result as Measurement;
}

/** `a / b`, as a string like `0.67x`. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
