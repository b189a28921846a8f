/**
 * Serialises a JSON value the way the repository's formatter (Biome, like Prettier) lays
 * out JSON: objects one key per line; arrays of scalars on one line when they fit the line
 * width, else one item per line. Used to insert a tenant that needs no reformatting.
 */
export interface JsonStyle {
  /** One level of indentation (`'  '` or `'\t'`). */
  readonly indent: string;
  readonly eol: '\n' | '\r\n';
  /** Put arrays of scalars on one line when they fit (Biome's style); else always expand. */
  readonly inlineScalarArrays: boolean;
  readonly lineWidth: number;
}

export const DEFAULT_JSON_STYLE: JsonStyle = {
  indent: '  ',
  eol: '\n',
  inlineScalarArrays: true,
  lineWidth: 110,
};

const isScalar = (value: unknown) => value === null || typeof value !== 'object';

/**
 * Formats `value` as if it started at column `prefixWidth` on a line indented by `base`;
 * continuation lines are indented from `base`.
 */
export function formatJson(value: unknown, style: JsonStyle, base = '', prefixWidth = base.length): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = base + style.indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (style.inlineScalarArrays && value.every(isScalar)) {
      const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      // +1 for the comma that may follow.
      if (prefixWidth + inline.length + 1 <= style.lineWidth) return inline;
    }
    const items = value.map((item) => inner + formatJson(item, style, inner));
    return `[${style.eol}${items.join(`,${style.eol}`)}${style.eol}${base}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return head + formatJson(item, style, inner, head.length);
  });
  return `{${style.eol}${lines.join(`,${style.eol}`)}${style.eol}${base}}`;
}
