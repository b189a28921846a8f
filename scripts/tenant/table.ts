import { printable } from './findings';

/** A plain-text table: columns padded to their widest cell, header underlined. */
export function renderTable(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  // A column without a name leaves the reader guessing what it holds.
  if (headers.some((h) => h.trim() === '')) throw new Error('renderTable: every column needs a header');
  const rows = cells.map((row) => row.map(printable));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
