/**
 * The scaling chart the README shows (`scripts/bench/scaling.svg`): authorizer throughput
 * against registered pools (fresh and seen tokens, with the baselines as dashed levels)
 * and infra time against tenants.
 */
import { type ChartSpec, renderPanels, type Series } from './chart';
import type { BenchResults } from './results';

/** The chart's panels, from one run's results. */
export function scalingSpecs(results: BenchResults): ChartSpec[] {
  const a = results.authorizer;
  const poolXs = a.pools.map((row) => row.pools);
  const level = (label: string, value: number): Series => ({
    label,
    points: poolXs.map((x) => [x, value] as const),
    dashed: true,
  });
  const infra = results.infra.rows;
  const infraSeries: Series[] = [
    { label: 'synth', points: infra.map((row) => [row.tenants, row.synthSeconds] as const) },
  ];
  const validated = infra.filter((row) => row.validateSeconds !== undefined);
  if (validated.length > 0) {
    infraSeries.push({
      label: 'terraform validate',
      points: validated.map((row) => [row.tenants, row.validateSeconds as number] as const),
    });
  }
  return [
    {
      title: 'Authorizer, fresh token (full verification), as deployed',
      xLabel: 'registered user pools',
      yLabel: 'verifications per second',
      series: [
        { label: 'our handler', points: a.pools.map((row) => [row.pools, row.fresh.opsPerSecond] as const) },
        {
          label: 'raw RS256 floor',
          points: a.pools.map((row) => [row.pools, row.floor.opsPerSecond] as const),
          dashed: true,
        },
        level('aws-jwt-verify (1 pool)', a.awsJwtVerify.opsPerSecond),
        level('jsonwebtoken+jwks-rsa', a.conventional.opsPerSecond),
      ],
    },
    {
      title: 'Authorizer, seen token (verified-token cache), as deployed',
      xLabel: 'registered user pools',
      yLabel: 'decisions per second',
      series: [
        { label: 'our handler', points: a.pools.map((row) => [row.pools, row.seen.opsPerSecond] as const) },
        level('raw RS256 floor', a.floor.opsPerSecond),
      ],
    },
    {
      title: 'Infra: one environment stack',
      xLabel: 'tenants',
      yLabel: 'seconds',
      series: infraSeries,
      // Linear: a straight line here is linear scaling.
      xScale: 'linear',
    },
  ];
}

/** The chart as SVG text. */
export function renderScalingChart(results: BenchResults): string {
  return renderPanels(scalingSpecs(results));
}
