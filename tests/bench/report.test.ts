import { kilobytes, micros, perSecond, table, times, verdict } from '@cognito-tenancy/bench/format';
import { renderReport } from '@cognito-tenancy/bench/report';
import { scalingSpecs } from '@cognito-tenancy/bench/scaling-chart';
import { describe, expect, it } from '@jest/globals';
import { results } from './results-fixture';

describe('renderReport', () => {
  const report = renderReport(results({ floor: 40_000, fresh: 20_000, conventional: 10_000, seen: 400_000 }));

  it('names the machine, the Node version, the date and the command', () => {
    expect(report).toContain('| Test CPU 9000 | 2 | 8 GiB | v22.99.0 | Linux 6 | 0.5 |');
    expect(report).toContain('on 2030-01-02T03:04:05Z');
    expect(report).toContain('`pnpm bench`');
    expect(report).toContain('](scripts/bench/scaling.svg)');
  });

  it('writes every table with as many cells in each row as in its header', () => {
    const tables = report.split('\n\n').filter((block) => block.startsWith('| '));
    expect(tables.length).toBeGreaterThanOrEqual(8);
    for (const block of tables) {
      const cells = block.split('\n').map((line) => line.split(' | ').length);
      expect(new Set(cells).size).toBe(1);
    }
  });

  it('has every section', () => {
    for (const heading of [
      '## Targets',
      '## 1. Authorizer',
      '## 2. Cold start',
      '## 3. Discovery',
      '## 4. pre-token-gen',
      '## 5. Infra',
    ]) {
      expect(report).toContain(heading);
    }
  });

  it('gives each authorizer figure as ratios against the floor and the conventional authorizer', () => {
    expect(report).toMatch(/\| \*\*our handler, fresh token\*\*[^|]*\| 20,000\/s \| 0\.50x \| 2\.00x \|/);
    expect(report).toMatch(/\| \*\*our handler, seen token\*\*[^|]*\| 400,000\/s \| 10\.00x \| 40\.00x \|/);
    expect(report).toMatch(/\| 1,000 \| 36,000\/s \(0\.90x\) \| 20,000\/s \| 0\.50x \/ 0\.56x \|/);
    expect(report).toMatch(
      /\| \*\*our handler, seen token, as deployed\*\* \(shipped JSON line logger\) \| 100,000\/s \| 2\.50x \| 10\.00x \|/,
    );
    expect(report).toMatch(
      /\| \*\*our handler, shared token, tenant's own client, fresh\*\*[^|]*\| 18,000\/s \| 0\.45x \| 1\.80x \|/,
    );
    expect(report).toMatch(
      /\| \*\*our handler, shared token, tenant's own client, seen\*\*[^|]*\| 96,000\/s \| 2\.40x \| 9\.60x \|/,
    );
  });

  it('reports the cold burst and the unregistered flood with their reads', () => {
    expect(report).toContain(
      '| burst: 1,000 requests at once, one per registered pool (1,000 pools) | 1,000 allowed, 0 refused | 201 GetParameters + 0 GetParameter |',
    );
    expect(report).toMatch(
      /\| flood: 10,000 tokens naming unregistered pools[^|]*\| valid: 1,000 allowed, 0 refused/,
    );
  });

  it('marks missed targets in bold and met ones plainly', () => {
    expect(report).toMatch(/shipped logger\), >= 0\.65x the raw RS256 floor \| 0\.50x \| \*\*not met\*\* \|/);
    expect(report).toMatch(/seen token, as deployed, 1,000 pools, >= 8x the floor \| 10\.00x \| met \|/);
  });

  it('reports cold start against the SDK-only baseline and the SDK-external variant against ours', () => {
    expect(report).toContain(
      '| `authorizer` | `client-ssm` | 330.0 kB (1.10x) | 110.0 kB (1.10x) | 66.0 ms (1.10x) |',
    );
    expect(report).toContain('40.0 kB / 110.0 ms (1.67x)');
    expect(report).toContain('**What we ship, and why.**');
  });

  it('names a Lambda it could not measure, and why', () => {
    const skipped = renderReport(results({ skipped: [{ name: 'sign-out', reason: 'no env entry' }] }));
    expect(skipped).toContain('**Not measured: `sign-out`**: no env entry.');
  });

  it('lists burst store calls with the designed bound and the answers', () => {
    expect(report).toContain('| `config-resolver` | 10 known tenants | 10 | 10 | exactly 10 | 1000x 200 |');
    expect(report).toContain('<= 10 in flight, <= 10 in all | 10x 404, 990x 503 |');
  });

  it('gives infra times against the 10-tenant environment', () => {
    expect(report).toContain('| 1,000 | 8,000 | 12.0 s (5.71x) | 1.0 s | 23.0 s (7.19x) | 36.0 s | 1 |');
  });

  it('says in a quick run that 1,000 tenants were left out', () => {
    const quick = renderReport(results({ mode: 'quick', infra: [] }));
    expect(quick).toContain('`pnpm bench --quick`');
    expect(quick).toContain('1,000 tenants left out in `--quick`');
    expect(quick).toContain(
      '| infra | 1,000 tenants: synth + terraform init + validate < 60 s | not measured',
    );
  });
});

describe('scalingSpecs', () => {
  it('plots ours against pools with the baselines dashed, and infra on a linear axis', () => {
    const [fresh, seen, infra] = scalingSpecs(results({ floor: 40_000, fresh: 20_000 }));
    expect(fresh?.series[0]?.points).toEqual([
      [1, 20_000],
      [100, 20_000],
      [1000, 20_000],
    ]);
    // The floor over as many keys as pools; the other baselines are levels measured with one pool.
    expect(fresh?.series[1]?.points).toEqual([
      [1, 40_000],
      [100, 36_000],
      [1000, 36_000],
    ]);
    expect(fresh?.series.slice(1).every((s) => s.dashed)).toBe(true);
    expect(fresh?.series.slice(2).every((s) => s.points.every(([, y]) => y === s.points[0]?.[1]))).toBe(true);
    expect(seen?.series[0]?.label).toBe('our handler');
    expect(infra?.xScale).toBe('linear');
    expect(infra?.series.map((s) => s.label)).toEqual(['synth', 'terraform validate']);
  });
});

describe('format helpers', () => {
  it('formats rates, durations, sizes and ratios', () => {
    expect(perSecond(44_612.4)).toBe('44,612/s');
    expect(micros(19.64)).toBe('19.6 µs');
    expect(micros(4321)).toBe('4.32 ms');
    expect(kilobytes(438_483)).toBe('438.5 kB');
    expect(times(1, 3)).toBe('0.33x');
  });

  it('builds a markdown table and a verdict', () => {
    expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
    expect([true, false, undefined].map(verdict)).toEqual(['met', '**not met**', 'not measured']);
  });
});
