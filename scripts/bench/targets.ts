/**
 * The targets of issues 9 and 18, evaluated on one run's results. Pure: the report prints what
 * this returns, and tests feed it hand-made results on both sides of every threshold.
 */
import { floodReadBound } from './authorizer-cold';
import type { InfraRow } from './infra-bench';
import type { BenchResults } from './results';

/** `met: undefined` means the figure was not measured in this run (and says why). */
export interface TargetResult {
  readonly area: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

/** Issue 18: fresh token, as deployed (forced sign-out check on, shipped logger). */
export const AUTHORIZER_VS_FLOOR = 0.65;
/** Issue 18: seen token, as deployed. */
export const CACHED_VS_FLOOR = 10;
/** Issue 18: seen token, as deployed, with 1,000 registered pools. */
export const CACHED_1000_POOLS_VS_FLOOR = 8;
export const COLD_START_OVERHEAD = 1.25;
export const INFRA_MAX_SECONDS = 60;
/** Issue #21: the synth of `deploy --tenant` at 1,000 tenant stacks, against that at 10. */
export const ONBOARDING_SYNTH_VS_10 = 1.2;
/** "Linear": the per-tenant cost from 10 to 1,000 tenants is at most this times that from 10 to 100. */
export const LINEAR_SLOPE_TOLERANCE = 1.5;

const x = (value: number) => `${value.toFixed(2)}x`;

/** A ratio against its threshold: one more decimal when two would hide which side it is on. */
export function against(value: number, threshold: number): string {
  const shown = value.toFixed(2);
  return shown === threshold.toFixed(2) && value !== threshold ? `${value.toFixed(3)}x` : `${shown}x`;
}

/**
 * Registry reads a cold burst over `pools` registered pools may make: the index (one call
 * for up to 1,000 pools), then one GetParameters call per 10 issuer records and per 10
 * host records. One read per pool would be twice `pools`.
 */
export function burstReadBound(pools: number): number {
  return Math.ceil(pools / 1000) + 2 * Math.ceil(pools / 10);
}

/** Per-tenant seconds of `pick` between the smallest row and each other row. */
export function marginalCosts(rows: readonly InfraRow[], pick: (row: InfraRow) => number | undefined) {
  const base = rows[0];
  const baseValue = base ? pick(base) : undefined;
  if (!base || baseValue === undefined) return [];
  return rows.slice(1).flatMap((row) => {
    const value = pick(row);
    return value === undefined
      ? []
      : [{ tenants: row.tenants, secondsPerTenant: (value - baseValue) / (row.tenants - base.tenants) }];
  });
}

function linearity(
  rows: readonly InfraRow[],
  what: string,
  pick: (row: InfraRow) => number | undefined,
): TargetResult {
  const costs = marginalCosts(rows, pick);
  const target = `${what} linear in tenants (per-tenant cost 10->1,000 <= ${LINEAR_SLOPE_TOLERANCE}x that of 10->100)`;
  const [mid, high] = costs;
  if (!mid || !high || high.tenants !== 1000) {
    return {
      area: 'infra',
      target,
      measured: 'not measured: needs 10, 100 and 1,000 tenants (full run)',
      met: undefined,
    };
  }
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  const r = high.secondsPerTenant / mid.secondsPerTenant;
  return {
    area: 'infra',
    target,
    measured: `${ms(mid.secondsPerTenant)}/tenant (10->100), ${ms(high.secondsPerTenant)}/tenant (10->1,000): ${x(r)}`,
    met: r <= LINEAR_SLOPE_TOLERANCE,
  };
}

/** Issue #21: onboarding one tenant synthesizes 2 stacks, so its synth must not grow with N. */
function onboardingSynth(rows: readonly InfraRow[]): TargetResult {
  const target = `synth for deploy --tenant: t(1,000 tenant stacks) / t(10) <= ${ONBOARDING_SYNTH_VS_10}x`;
  const small = rows.find((row) => row.tenants === 10)?.onboardingSynthSeconds;
  const big = rows.find((row) => row.tenants === 1000)?.onboardingSynthSeconds;
  if (small === undefined || big === undefined)
    return {
      area: 'infra',
      target,
      measured: 'not measured: needs 10 and 1,000 tenants (full run)',
      met: undefined,
    };
  const ratio = big / small;
  return {
    area: 'infra',
    target,
    measured: `${big.toFixed(2)} s / ${small.toFixed(2)} s = ${against(ratio, ONBOARDING_SYNTH_VS_10)}`,
    met: ratio <= ONBOARDING_SYNTH_VS_10,
  };
}

/** Every target with its measured value and verdict. */
export function evaluateTargets(results: BenchResults): TargetResult[] {
  const out: TargetResult[] = [];
  const a = results.authorizer;
  const floor = a.floor.opsPerSecond;
  const vs = (value: number, threshold: number, target: string): TargetResult => ({
    area: 'authorizer',
    target,
    measured: against(value, threshold),
    met: value >= threshold,
  });
  // As deployed: forced sign-out check on and the JSON line logger the Lambda ships.
  out.push(
    vs(
      a.withLogging.fresh.opsPerSecond / floor,
      AUTHORIZER_VS_FLOOR,
      `fresh token, as deployed (sign-out check on, shipped logger), >= ${AUTHORIZER_VS_FLOOR}x the raw RS256 floor`,
    ),
    vs(
      a.withLogging.seen.opsPerSecond / floor,
      CACHED_VS_FLOOR,
      `seen token, as deployed, >= ${CACHED_VS_FLOOR}x the floor`,
    ),
  );
  const thousand = a.pools.find((p) => p.pools === 1000);
  if (thousand) {
    out.push(
      vs(
        thousand.seen.opsPerSecond / floor,
        CACHED_1000_POOLS_VS_FLOOR,
        `seen token, as deployed, 1,000 pools, >= ${CACHED_1000_POOLS_VS_FLOOR}x the floor`,
      ),
    );
  }
  const burst = a.cold.burst;
  const readBound = burstReadBound(burst.pools);
  const reads = burst.reads.getParameter + burst.reads.getParameters;
  out.push({
    area: 'authorizer',
    target: `cold instance, ${burst.pools.toLocaleString('en-US')} registered pools, burst of ${burst.requests.toLocaleString('en-US')} requests over all pools: 0 refusals of valid tokens, registry reads <= ${readBound} (batched)`,
    measured: `${burst.refused} refused; ${reads} registry reads (${burst.reads.getParameters} GetParameters, ${burst.reads.getParameter} GetParameter)`,
    met: burst.refused === 0 && reads <= readBound,
  });
  const flood = a.cold.flood;
  const floodBound = floodReadBound(flood);
  out.push({
    area: 'authorizer',
    target: `flood of tokens naming ${flood.unregisteredTokens.toLocaleString('en-US')} unregistered pools: reads bounded by the budget, valid tokens of registered pools unaffected`,
    measured: `${flood.unregisteredReads} reads of unregistered issuers (budget allowed ${floodBound} in ${flood.seconds.toFixed(1)} s); ${flood.validRefused} of ${flood.validTokens} valid tokens refused`,
    met: flood.unregisteredReads <= floodBound && flood.validRefused === 0,
  });
  out.push({
    area: 'authorizer',
    target: '`exp` enforced on a cached token',
    measured: a.checks.expiredCachedTokenRefused ? 'refused after exp (within the cache TTL)' : 'NOT refused',
    met: a.checks.expiredCachedTokenRefused,
  });
  for (const r of results.coldStart.results) {
    const init = r.initMs / r.baselineInitMs;
    const bytes = r.bundleBytes / r.baselineBytes;
    const zip = r.zipBytes / r.baselineZipBytes;
    out.push({
      area: `cold start: ${r.name}`,
      target: `init, bundle and zip <= ${COLD_START_OVERHEAD}x the SDK-only baseline`,
      measured: `init ${against(init, COLD_START_OVERHEAD)}, bundle ${against(bytes, COLD_START_OVERHEAD)}, zip ${against(zip, COLD_START_OVERHEAD)}`,
      met: Math.max(init, bytes, zip) <= COLD_START_OVERHEAD,
    });
  }
  for (const skip of results.coldStart.skipped) {
    out.push({
      area: `cold start: ${skip.name}`,
      target: `init, bundle and zip <= ${COLD_START_OVERHEAD}x the SDK-only baseline`,
      measured: `not measured: ${skip.reason}`,
      met: undefined,
    });
  }
  for (const l of results.lookups) {
    const known = l.knownBurst;
    out.push({
      area: l.name,
      target: `${known.requests} concurrent requests for ${known.distinctKeys} tenants: exactly ${known.distinctKeys} store calls`,
      measured: `${known.store.calls} calls`,
      met: known.store.calls === known.distinctKeys,
    });
    const unknown = l.unknownBurst;
    const bound = l.unknownBound;
    const callsOk = bound.calls === undefined || unknown.store.calls <= bound.calls;
    out.push({
      area: l.name,
      target: `${unknown.requests} distinct unknown keys: <= ${bound.peakInFlight} store calls in flight${bound.calls === undefined ? '' : `, <= ${bound.calls} in all`}`,
      measured: `${unknown.store.calls} calls, peak ${unknown.store.peakInFlight} in flight`,
      met: callsOk && unknown.store.peakInFlight <= bound.peakInFlight,
    });
  }
  const rows = results.infra.rows;
  const big = rows.find((row) => row.tenants === 1000);
  const total =
    big && big.validateSeconds !== undefined
      ? big.synthSeconds + (big.initSeconds ?? 0) + big.validateSeconds
      : undefined;
  out.push({
    area: 'infra',
    target: `1,000 tenants: synth + terraform init + validate < ${INFRA_MAX_SECONDS} s`,
    measured:
      total === undefined ? 'not measured in this run (see the infra section)' : `${total.toFixed(1)} s`,
    met: total === undefined ? undefined : total < INFRA_MAX_SECONDS,
  });
  out.push(onboardingSynth(rows));
  out.push(linearity(rows, 'synth', (row) => row.synthSeconds));
  out.push(linearity(rows, 'terraform validate', (row) => row.validateSeconds));
  return out;
}
