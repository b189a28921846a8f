/**
 * The README's environment table, written from a Lambda's specs so the two cannot drift:
 * each package's tests compare the block between the markers in its README with this.
 */
import { defaultOf, type EnvSpecs, type VarSpec } from './env-spec';

/** Markers around the generated table in a README. */
export const ENV_TABLE_START = '<!-- env-table:start (generated from src/env-spec.ts) -->';
export const ENV_TABLE_END = '<!-- env-table:end -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

function allowed(spec: VarSpec): string {
  switch (spec.type) {
    case 'int':
      return `integer ${spec.min}-${spec.max}`;
    case 'bool':
      return '`true` / `false`';
    case 'enum':
      return spec.values.map((v) => `\`${v}\``).join(' / ');
    case 'list':
      return 'comma-separated list';
    case 'string':
      return spec.hint;
  }
}

function defaultText(spec: VarSpec): string {
  if (spec.type === 'string' && spec.required) return 'required';
  const value = defaultOf(spec);
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return 'none';
  return `\`${String(value)}\``;
}

/** The markdown table (markers included) of `specs`, one row per variable in declaration order. */
export function envTable(specs: EnvSpecs): string {
  const rows = Object.entries(specs).map(
    ([name, spec]) =>
      `| \`${name}\` | ${defaultText(spec)} | ${cell(allowed(spec))} | ${cell(spec.description)}${spec.localOnly ? ' (local only: refused in AWS Lambda)' : ''} |`,
  );
  return [
    ENV_TABLE_START,
    '| name | default | allowed | meaning |',
    '|---|---|---|---|',
    ...rows,
    ENV_TABLE_END,
  ].join('\n');
}

/** The generated block of a README's text, or `undefined` when the markers are missing. */
export function envTableIn(readme: string): string | undefined {
  const start = readme.indexOf(ENV_TABLE_START);
  const end = readme.indexOf(ENV_TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start, end + ENV_TABLE_END.length);
}
