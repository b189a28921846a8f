/**
 * A dependency-free SVG line chart for the scaling results that the README shows: one
 * series per measured thing, x = tenants or pools (log or linear scale), y = a value
 * from 0. Reference levels (baselines) are drawn dashed, without markers.
 */
export interface Series {
  readonly label: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** Drawn dashed: a reference level rather than a measured curve. */
  readonly dashed?: boolean;
}

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** `log` (default) spreads 1, 100, 1,000 evenly; `linear` shows linear growth as a straight line. */
  readonly xScale?: 'log' | 'linear';
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const MARGIN = { left: 70, right: 190, top: 40, bottom: 50 };

/** Escapes text for an SVG text node or attribute. */
export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is >= `value` (axis maximum). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value * (1 - 1e-12)) return step * magnitude;
  return 10 * magnitude;
}

/** Axis label with up to 3 significant digits: `12.5k`, `375k`, `850`, `20`, `3.75`. */
export function format(v: number): string {
  if (v >= 10_000) return `${Number((v / 1000).toPrecision(3))}k`;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}

/** The opening tag plus the `<title>` that screen readers (and Biome's a11y rule) need. */
function svgOpen(width: number, height: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12"><title>${title}</title>`;
}

/** Maps data x to pixels for the chosen scale. */
function xMapper(xs: readonly number[], scale: 'log' | 'linear', plotW: number): (x: number) => number {
  if (scale === 'linear') {
    const max = Math.max(...xs) || 1;
    return (x) => MARGIN.left + (x / max) * plotW;
  }
  const lo = Math.log10(Math.max(1, Math.min(...xs)));
  const hi = Math.max(lo + 1, Math.log10(Math.max(...xs)));
  return (x) => MARGIN.left + ((Math.log10(Math.max(1, x)) - lo) / (hi - lo)) * plotW;
}

/** Renders one chart as SVG text. */
export function renderChart(spec: ChartSpec, width = 680, height = 360): string {
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const xs = spec.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = spec.series.flatMap((s) => s.points.map(([, y]) => y));
  const title = escapeXml(spec.title);
  if (xs.length === 0) {
    return `${svgOpen(width, height, title)}<rect width="100%" height="100%" fill="white"/><text x="${width / 2}" y="${height / 2}" text-anchor="middle">${title}: no data</text></svg>\n`;
  }
  const scale = spec.xScale ?? 'log';
  const px = xMapper(xs, scale, plotW);
  const yMax = niceMax(Math.max(...ys));
  const py = (y: number) => MARGIN.top + plotH - (y / yMax) * plotH;
  const bottom = MARGIN.top + plotH;
  const out: string[] = [
    svgOpen(width, height, title),
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">${title}</text>`,
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = (yMax * i) / 4;
    out.push(
      `<line x1="${MARGIN.left}" y1="${py(y)}" x2="${MARGIN.left + plotW}" y2="${py(y)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${py(y) + 4}" text-anchor="end">${format(y)}</text>`,
    );
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(`<text x="${px(x).toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${format(x)}</text>`);
  }
  out.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)} (${scale} scale)</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length];
    const path = series.points
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`)
      .join(' ');
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    if (!series.dashed) {
      for (const [x, y] of series.points) {
        out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${color}"/>`);
      }
    }
    const ly = MARGIN.top + 10 + index * 18;
    out.push(
      `<rect x="${MARGIN.left + plotW + 12}" y="${ly - 8}" width="12" height="3" fill="${color}"/>`,
      `<text x="${MARGIN.left + plotW + 30}" y="${ly - 3}">${escapeXml(series.label)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Several charts stacked vertically in one SVG image. */
export function renderPanels(specs: readonly ChartSpec[], width = 680, panelHeight = 360): string {
  const panels = specs.map((spec, i) =>
    // A nested <svg> keeps each panel's own coordinates.
    renderChart(spec, width, panelHeight)
      .trimEnd()
      .replace('<svg ', `<svg x="0" y="${i * panelHeight}" `),
  );
  const title = escapeXml(specs.map((spec) => spec.title).join('; '));
  return `${[svgOpen(width, specs.length * panelHeight, title), ...panels, '</svg>'].join('\n')}\n`;
}
