/**
 * The targets of issue 9, evaluated on one run's results. Pure: the report prints what
 * this returns, and tests feed it hand-made results on both sides of every threshold.
 */
import type { InfraRow } from './infra-bench';
import type { BenchResults } from './results';

/** `met: undefined` means the figure was not measured in this run (and says why). */
export interface TargetResult {
  readonly area: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

export const AUTHORIZER_VS_FLOOR = 0.6;
export const AUTHORIZER_VS_CONVENTIONAL = 4;
export const CACHED_VS_FLOOR = 5;
export const COLD_START_OVERHEAD = 1.25;
export const INFRA_MAX_SECONDS = 60;
/** "Linear": the per-tenant cost from 10 to 1,000 tenants is at most this times that from 10 to 100. */
export const LINEAR_SLOPE_TOLERANCE = 1.5;

const x = (value: number) => `${value.toFixed(2)}x`;

/** A ratio against its threshold: one more decimal when two would hide which side it is on. */
export function against(value: number, threshold: number): string {
  const shown = value.toFixed(2);
  return shown === threshold.toFixed(2) && value !== threshold ? `${value.toFixed(3)}x` : `${shown}x`;
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

/** Every target with its measured value and verdict. */
export function evaluateTargets(results: BenchResults): TargetResult[] {
  const out: TargetResult[] = [];
  const a = results.authorizer;
  const fresh = a.pools[0]?.fresh;
  const seen = a.pools[0]?.seen;
  const floor = a.floor.opsPerSecond;
  const vs = (value: number, threshold: number, target: string): TargetResult => ({
    area: 'authorizer',
    target,
    measured: against(value, threshold),
    met: value >= threshold,
  });
  if (fresh && seen) {
    const vsConventional = fresh.opsPerSecond / a.conventional.opsPerSecond;
    const seenVsConventional = x(seen.opsPerSecond / a.conventional.opsPerSecond);
    out.push(
      vs(
        fresh.opsPerSecond / floor,
        AUTHORIZER_VS_FLOOR,
        `fresh token (cache off) >= ${AUTHORIZER_VS_FLOOR}x the raw RS256 floor`,
      ),
      vs(
        a.distinctTokens.measurement.opsPerSecond / floor,
        AUTHORIZER_VS_FLOOR,
        `new token, cache on (miss, then stored) >= ${AUTHORIZER_VS_FLOOR}x the raw RS256 floor`,
      ),
      {
        ...vs(
          vsConventional,
          AUTHORIZER_VS_CONVENTIONAL,
          `fresh token >= ${AUTHORIZER_VS_CONVENTIONAL}x jsonwebtoken + jwks-rsa`,
        ),
        measured: `${against(vsConventional, AUTHORIZER_VS_CONVENTIONAL)} (seen token: ${seenVsConventional})`,
      },
      vs(seen.opsPerSecond / floor, CACHED_VS_FLOOR, `seen token >= ${CACHED_VS_FLOOR}x the raw RS256 floor`),
    );
  }
  // The same thresholds with the logger the Lambda ships: what a deployed instance does.
  const logged = a.withLogging;
  out.push(
    vs(
      logged.fresh.opsPerSecond / floor,
      AUTHORIZER_VS_FLOOR,
      `fresh token, shipped logging, >= ${AUTHORIZER_VS_FLOOR}x the floor`,
    ),
    vs(
      logged.seen.opsPerSecond / floor,
      CACHED_VS_FLOOR,
      `seen token, shipped logging, >= ${CACHED_VS_FLOOR}x the floor`,
    ),
  );
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
  out.push(linearity(rows, 'synth', (row) => row.synthSeconds));
  out.push(linearity(rows, 'terraform validate', (row) => row.validateSeconds));
  return out;
}
