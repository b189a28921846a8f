import {
  type ChartSpec,
  escapeXml,
  format,
  niceMax,
  renderChart,
  renderPanels,
} from '@cognito-tenancy/bench/chart';
import { describe, expect, it } from '@jest/globals';

/** The points of every `<path d="M.. L..">`, as numbers. */
function paths(svg: string): Array<Array<[number, number]>> {
  return [...svg.matchAll(/<path d="([^"]+)"/g)].map(([, d]) =>
    (d ?? '').split(' ').map((step) => step.slice(1).split(',').map(Number) as [number, number]),
  );
}

const spec: ChartSpec = {
  title: 'Throughput',
  xLabel: 'pools',
  yLabel: 'calls/s',
  series: [
    {
      label: 'ours',
      points: [
        [1, 20_000],
        [100, 10_000],
        [1000, 40_000],
      ],
    },
    {
      label: 'floor',
      points: [
        [1, 30_000],
        [1000, 30_000],
      ],
      dashed: true,
    },
  ],
};

// renderChart's layout: 680 x 360, margins left 70, right 190, top 40, bottom 50.
const LEFT = 70;
const RIGHT = 680 - 190;
const TOP = 40;
const BOTTOM = 360 - 50;

describe('niceMax', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(3.7)).toBe(5);
    expect(niceMax(37_000)).toBe(50_000);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(100)).toBe(100);
    expect(niceMax(101)).toBe(200);
  });

  it('gives 1 for zero or no positive value', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
  });
});

describe('format', () => {
  it('writes thousands as k with up to 3 significant digits', () => {
    expect(format(12_500)).toBe('12.5k');
    expect(format(375_000)).toBe('375k');
    expect(format(50_000)).toBe('50k');
  });

  it('keeps integers whole and fractions to 3 significant digits', () => {
    expect(format(1000)).toBe('1000');
    expect(format(3.75)).toBe('3.75');
    expect(format(1.2345)).toBe('1.23');
  });
});

describe('renderChart', () => {
  it('draws one path per series, markers only on measured ones, dashes on levels', () => {
    const svg = renderChart(spec);
    expect(paths(svg)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(svg).toContain('>ours</text>');
    expect(svg).toContain('>floor</text>');
  });

  it('places x on a log scale from the smallest to the largest x, y from 0 to the nice maximum', () => {
    const [ours] = paths(renderChart(spec));
    expect(ours?.[0]).toEqual([LEFT, BOTTOM - ((BOTTOM - TOP) * 20_000) / 50_000]);
    // 100 is two thirds of the way from 1 to 1,000 in log10.
    expect(ours?.[1]?.[0]).toBeCloseTo(LEFT + ((RIGHT - LEFT) * 2) / 3, 0);
    expect(ours?.[2]).toEqual([RIGHT, BOTTOM - ((BOTTOM - TOP) * 40_000) / 50_000]);
    expect(renderChart(spec)).toContain('>50k</text>');
  });

  it('places x linearly from 0 when asked', () => {
    const svg = renderChart({
      ...spec,
      series: [
        {
          label: 's',
          points: [
            [500, 1],
            [1000, 2],
          ],
        },
      ],
      xScale: 'linear',
    });
    const [line] = paths(svg);
    expect(line?.[0]?.[0]).toBeCloseTo((LEFT + RIGHT) / 2, 5);
    expect(line?.[1]).toEqual([RIGHT, TOP]);
    expect(svg).toContain('(linear scale)');
  });

  it('escapes text, and carries a title for screen readers', () => {
    const svg = renderChart({
      ...spec,
      title: 'a<b & "c"',
      series: [{ label: '<script>', points: [[1, 1]] }],
    });
    expect(svg).toContain('<title>a&lt;b &amp; &quot;c&quot;</title>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('<script>');
    expect(escapeXml('&<>"')).toBe('&amp;&lt;&gt;&quot;');
  });

  it('says there is no data instead of drawing NaN', () => {
    const svg = renderChart({ ...spec, series: [] });
    expect(svg).toContain('no data');
    expect(svg).not.toContain('NaN');
  });
});

describe('renderPanels', () => {
  it('stacks the charts in one image, each panel offset by its height', () => {
    const svg = renderPanels([spec, { ...spec, title: 'Second' }], 680, 300);
    expect(svg).toMatch(/^<svg [^>]*height="600"/);
    expect(svg).toContain('<svg x="0" y="0" ');
    expect(svg).toContain('<svg x="0" y="300" ');
    expect(svg).toContain('<title>Throughput; Second</title>');
    expect(svg.match(/<svg /g)).toHaveLength(3);
    expect(svg.match(/<\/svg>/g)).toHaveLength(3);
  });
});
