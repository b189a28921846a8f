/** Hand-made results of a bench run, for the report, target and chart tests. */
import type { InfraRow } from '@cognito-tenancy/bench/infra-bench';
import type { Measurement } from '@cognito-tenancy/bench/measure';
import type { BenchResults } from '@cognito-tenancy/bench/results';

export function m(
  name: string,
  opsPerSecond: number,
  p50Us = 1e6 / opsPerSecond,
  p99Us = 3 * p50Us,
): Measurement {
  return { name, opsPerSecond, p50Us, p99Us, calls: 1000 };
}

export interface FixtureOptions {
  readonly floor?: number;
  readonly conventional?: number;
  readonly fresh?: number;
  readonly seen?: number;
  /** With the shipped logger: fresh and seen calls/s. */
  readonly logged?: { fresh: number; seen: number };
  readonly expiredRefused?: boolean;
  /** Seen token with 1,000 pools, calls/s. */
  readonly seen1000?: number;
  /** Cold burst: refusals and registry reads (GetParameters). */
  readonly burst?: { refused: number; getParameters: number; getParameter?: number };
  /** Flood: reads of unregistered issuers, valid tokens refused, seconds taken. */
  readonly flood?: { unregisteredReads: number; validRefused: number; seconds?: number };
  /** Init, bundle and zip of the first Lambda as multiples of its baseline. */
  readonly coldFactor?: { init: number; bundle: number; zip: number };
  readonly knownCalls?: number;
  readonly unknownCalls?: number;
  readonly unknownPeak?: number;
  readonly infra?: readonly InfraRow[];
  readonly mode?: 'quick' | 'full';
  readonly skipped?: ReadonlyArray<{ name: string; reason: string }>;
}

export const row = (
  tenants: number,
  synthSeconds: number,
  validateSeconds: number | undefined,
  onboardingSynthSeconds = 1 + tenants / 100_000,
): InfraRow => ({
  tenants,
  resources: tenants * 8,
  synthSeconds,
  initSeconds: validateSeconds === undefined ? undefined : 1,
  validateSeconds,
  runs: 1,
  onboardingSynthSeconds,
});

/** Linear: 2 s + 10 ms/tenant synth, 3 s + 20 ms/tenant validate. */
export const LINEAR_INFRA = [row(10, 2.1, 3.2), row(100, 3, 5), row(1000, 12, 23)];

export function results(o: FixtureOptions = {}): BenchResults {
  const floor = o.floor ?? 40_000;
  const cold = o.coldFactor ?? { init: 1.1, bundle: 1.1, zip: 1.1 };
  const lambda = (name: string, f: { init: number; bundle: number; zip: number }) => ({
    name,
    clients: ['client-ssm'],
    bundleBytes: Math.round(300_000 * f.bundle),
    zipBytes: Math.round(100_000 * f.zip),
    baselineBytes: 300_000,
    baselineZipBytes: 100_000,
    externalSdkBytes: 40_000,
    initMs: 60 * f.init,
    baselineInitMs: 60,
    externalSdkInitMs: 110,
    runs: 5,
  });
  const lookup = (name: 'config-resolver' | 'tenant-match') => ({
    name,
    floor: m('floor', 2_000_000),
    known: m('known', 100_000),
    unknown: m('unknown', 150_000),
    knownBurst: {
      requests: 1000,
      distinctKeys: 10,
      store: { calls: o.knownCalls ?? 10, peakInFlight: 10 },
      statuses: { '200': 1000 },
    },
    unknownBurst: {
      requests: 1000,
      distinctKeys: 1000,
      store: { calls: o.unknownCalls ?? 10, peakInFlight: o.unknownPeak ?? 10 },
      statuses: { '404': 10, '503': 990 },
    },
    unknownBound: {
      peakInFlight: 10,
      calls: name === 'config-resolver' ? 10 : undefined,
      rule: 'ten at once',
    },
  });
  return {
    mode: o.mode ?? 'full',
    machine: {
      cpu: 'Test CPU 9000',
      cores: 2,
      memoryGiB: 8,
      node: 'v22.99.0',
      os: 'Linux 6',
      loadAverage: 0.5,
    },
    startedAt: '2030-01-02T03:04:05Z',
    durationSeconds: 123,
    authorizer: {
      floor: m('floor', floor),
      awsJwtVerify: m('aws-jwt-verify', floor * 0.6),
      conventional: m('conventional', o.conventional ?? floor * 0.3),
      pools: [1, 100, 1000].map((pools) => ({
        pools,
        floor: m(`floor@${pools}`, pools === 1 ? floor : floor * 0.9),
        fresh: m(`fresh@${pools}`, o.fresh ?? floor * 0.7),
        seen: m(
          `seen@${pools}`,
          pools === 1000 && o.seen1000 !== undefined ? o.seen1000 : (o.seen ?? floor * 8),
        ),
      })),
      distinctTokens: { tokens: 64, measurement: m('distinct', floor * 0.65), allMisses: true },
      withoutSignOutCheck: { fresh: m('fresh-check', floor * 0.75), seen: m('seen-check', floor * 12) },
      sharedOwnClient: {
        fresh: m('fresh-own-client', floor * 0.45),
        seen: m('seen-own-client', floor * 2.4),
      },
      cold: {
        burst: {
          pools: 1000,
          requests: 1000,
          allowed: 1000 - (o.burst?.refused ?? 0),
          refused: o.burst?.refused ?? 0,
          reads: {
            getParameter: o.burst?.getParameter ?? 0,
            getParameters: o.burst?.getParameters ?? 201,
            budgetRefusals: 0,
          },
          jwksFetches: 1000,
          revocationReads: 1000,
          seconds: 0.5,
        },
        flood: {
          unregisteredTokens: 10_000,
          validTokens: 1000,
          validAllowed: 1000 - (o.flood?.validRefused ?? 0),
          validRefused: o.flood?.validRefused ?? 0,
          unregisteredReads: o.flood?.unregisteredReads ?? 10,
          budgetRefusals: 9990,
          budget: { perSecond: 5, burst: 10 },
          reads: { getParameter: 10, getParameters: 201, budgetRefusals: 9990 },
          seconds: o.flood?.seconds ?? 1.5,
        },
      },
      withLogging: {
        fresh: m('fresh+log', o.logged?.fresh ?? floor * 0.5),
        seen: m('seen+log', o.logged?.seen ?? floor * 2.5),
      },
      checks: {
        storeCallsWhileTimed: 0,
        jwksFetchesWhileTimed: 0,
        revocationReadsWhileTimed: 2,
        conventionalJwksRequests: 1,
        expiredCachedTokenRefused: o.expiredRefused ?? true,
      },
    },
    coldStart: {
      results: [lambda('authorizer', cold), lambda('tenant-match', { init: 1, bundle: 1, zip: 1 })],
      rebuilt: [],
      buildWarning: undefined,
      skipped: o.skipped ?? [],
    },
    lookups: [lookup('config-resolver'), lookup('tenant-match')],
    preTokenGen: {
      rows: [0, 50, 500].map((groups, i) => ({
        groups,
        attributeBytes: groups * 11,
        tokenGroups: Math.min(groups, 50) + 1,
        measurement: m(`${groups} groups`, 200_000 / (1 + i * 5)),
      })),
      storeCallsWhileTimed: 0,
      maxGroups: 50,
    },
    infra: { rows: o.infra ?? LINEAR_INFRA, notes: [] },
  };
}
