/**
 * A dependency-free SVG line chart (log-scale x axis) for the scaling results that the
 * README shows: one series per measured thing, x = tenants or pools, y = a value.
 */
export interface Series {
  readonly label: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

const format = (v: number) =>
  v >= 10_000 ? `${Math.round(v / 1000)}k` : v >= 100 ? v.toFixed(0) : v.toPrecision(2);

/** Renders one chart as SVG text. */
export function renderChart(spec: ChartSpec, width = 640, height = 360): string {
  const margin = { left: 70, right: 170, top: 40, bottom: 50 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xs = spec.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = spec.series.flatMap((s) => s.points.map(([, y]) => y));
  const xMin = Math.log10(Math.max(1, Math.min(...xs)));
  const xMax = Math.max(xMin + 1, Math.log10(Math.max(...xs)));
  const yMax = niceMax(Math.max(...ys));
  const px = (x: number) => margin.left + ((Math.log10(Math.max(1, x)) - xMin) / (xMax - xMin)) * plotW;
  const py = (y: number) => margin.top + plotH - (y / yMax) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2 - margin.right / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`,
    `<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="#333"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = (yMax * i) / 4;
    out.push(
      `<line x1="${margin.left}" y1="${py(y)}" x2="${margin.left + plotW}" y2="${py(y)}" stroke="#ddd"/>`,
      `<text x="${margin.left - 6}" y="${py(y) + 4}" text-anchor="end">${format(y)}</text>`,
    );
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(`<text x="${px(x)}" y="${margin.top + plotH + 18}" text-anchor="middle">${format(x)}</text>`);
  }
  out.push(
    `<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)} (log scale)</text>`,
    `<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length];
    const path = series.points
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`)
      .join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const [x, y] of series.points)
      out.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${color}"/>`);
    const ly = margin.top + 10 + index * 18;
    out.push(
      `<rect x="${margin.left + plotW + 12}" y="${ly - 8}" width="12" height="3" fill="${color}"/>`,
      `<text x="${margin.left + plotW + 30}" y="${ly - 3}">${escapeXml(series.label)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
