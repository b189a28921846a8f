/** Number formatting for the report: short, fixed precision, thousands separated. */

/** `44,612/s`. */
export const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`;

/** Microseconds, or milliseconds past 1,000 µs: `19.6 µs`, `4.32 ms`. */
export const micros = (us: number): string =>
  us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;

/** Milliseconds: `73.4 ms`. */
export const millis = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Seconds: `20.1 s`. */
export const seconds = (s: number): string => `${s.toFixed(1)} s`;

/** Kilobytes (1,000 bytes): `438.5 kB`. */
export const kilobytes = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** `a / b` as `0.67x`. */
export const times = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** A markdown table. Cells are not escaped: callers pass plain text. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `met`, `not met`, or `not measured`. */
export function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'not measured';
  return met ? 'met' : '**not met**';
}
