/**
 * Appends an item to a top-level array of a JSON document by editing the text, so the
 * rest of the file (key order, indentation, line endings, trailing newline) is untouched.
 * JSON has no comments; everything else about the layout is kept.
 */
import { isDeepStrictEqual } from 'node:util';
import { formatJson, type JsonStyle } from './json-format';

/** The edit could not be made without disturbing the file. */
export class JsonEditError extends Error {
  override readonly name = 'JsonEditError';
}

/** Returns `text` with `item` appended to the top-level array `key`. */
export function appendToTopLevelArray(text: string, key: string, item: unknown): string {
  const before = JSON.parse(text) as Record<string, unknown>;
  const array = before[key];
  if (!Array.isArray(array)) throw new JsonEditError(`the file has no top-level "${key}" array`);
  const span = findTopLevelValue(text, key);
  if (span === undefined || text[span.start] !== '[') {
    throw new JsonEditError(`cannot locate the "${key}" array in the text`);
  }
  const style = detectStyle(text);
  const close = span.end - 1;
  const inner = text.slice(span.start + 1, close);
  let edited: string;
  if (!text.includes('\n')) {
    const joiner = inner.trim() === '' ? '' : inner.includes(', ') || /,\s/.test(inner) ? ', ' : ',';
    const lastEnd = span.start + 1 + inner.trimEnd().length;
    edited = text.slice(0, lastEnd) + joiner + JSON.stringify(item) + text.slice(lastEnd);
  } else if (inner.trim() === '') {
    const keyIndent = lineIndent(text, span.start);
    const itemIndent = keyIndent + style.indent;
    const body = itemIndent + formatJson(item, style, itemIndent);
    edited = `${text.slice(0, span.start + 1)}${style.eol}${body}${style.eol}${keyIndent}${text.slice(close)}`;
  } else {
    const first = span.start + 1 + (inner.length - inner.trimStart().length);
    const itemIndent = lineIndent(text, first);
    const lastEnd = span.start + 1 + inner.trimEnd().length;
    const body = `,${style.eol}${itemIndent}${formatJson(item, style, itemIndent)}`;
    edited = text.slice(0, lastEnd) + body + text.slice(lastEnd);
  }
  // The edit must change exactly one thing; anything else means the scan misread the file.
  const expected = { ...before, [key]: [...array, item] };
  if (!isDeepStrictEqual(JSON.parse(edited), JSON.parse(JSON.stringify(expected)))) {
    throw new JsonEditError('editing the file would change more than the new item');
  }
  return edited;
}

/** Indentation, end of line and array style of an existing document. */
export function detectStyle(text: string): JsonStyle {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  return {
    indent: indent?.startsWith('\t') ? '\t' : (indent ?? '  '),
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    // A file already holding a one-line array of strings was formatted that way (Biome, Prettier).
    inlineScalarArrays: /:\s*\[\s*("|\d|true|false|null)[^\n]*\]/.test(text) || !/\[\s*\n\s*"/.test(text),
    lineWidth: 110,
  };
}

function lineIndent(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, index))?.[0] ?? '';
}

/**
 * Returns `text` with `item` appended to the top-level array `key`; when the file has no such
 * key, adds `"key": [item]` on its own line just before the top-level key `beforeKey`.
 */
export function appendToTopLevelArrayOrAdd(
  text: string,
  key: string,
  item: unknown,
  beforeKey: string,
): string {
  const before = JSON.parse(text) as Record<string, unknown>;
  if (Object.hasOwn(before, key)) return appendToTopLevelArray(text, key, item);
  const span = findTopLevelValue(text, beforeKey);
  if (span === undefined) throw new JsonEditError(`cannot locate the "${beforeKey}" key in the text`);
  const style = detectStyle(text);
  const indent = lineIndent(text, span.keyStart);
  const separator = text.includes('\n') ? `${style.eol}${indent}` : ' ';
  const entry = `${JSON.stringify(key)}: ${formatJson([item], style, indent)},${separator}`;
  const edited = text.slice(0, span.keyStart) + entry + text.slice(span.keyStart);
  if (!isDeepStrictEqual(JSON.parse(edited), { ...before, [key]: [JSON.parse(JSON.stringify(item))] })) {
    throw new JsonEditError(`adding "${key}" would change more than that key`);
  }
  return edited;
}

/** Start and end (exclusive) of the value of the last top-level `key` (JSON.parse keeps the last), and where the key starts. */
function findTopLevelValue(
  text: string,
  key: string,
): { start: number; end: number; keyStart: number } | undefined {
  let pos = skipSpace(text, 0);
  if (text[pos] !== '{') return undefined;
  pos += 1;
  let found: { start: number; end: number; keyStart: number } | undefined;
  for (;;) {
    pos = skipSpace(text, pos);
    if (text[pos] === '}') return found;
    const keyStart = pos;
    const keyEnd = skipValue(text, pos);
    const name = JSON.parse(text.slice(pos, keyEnd)) as string;
    pos = skipSpace(text, keyEnd) + 1;
    const start = skipSpace(text, pos);
    const end = skipValue(text, start);
    if (name === key) found = { start, end, keyStart };
    pos = skipSpace(text, end);
    if (text[pos] === ',') pos += 1;
  }
}

function skipSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && /[ \t\r\n]/.test(text[i] as string)) i += 1;
  return i;
}

/** End (exclusive) of the JSON value starting at `pos`; the text is known to be valid JSON. */
function skipValue(text: string, pos: number): number {
  let depth = 0;
  for (let i = pos; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') {
      i += 1;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (depth === 0) return i + 1;
    } else if (ch === '{' || ch === '[') {
      depth += 1;
    } else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && /[,}\]\s]/.test(text[i + 1] ?? ',')) {
      return i + 1;
    }
  }
  return text.length;
}

/** Start and end (exclusive) of each item of the top-level array `key`. */
function arrayItemSpans(text: string, key: string): { start: number; end: number }[] {
  const span = findTopLevelValue(text, key);
  if (span === undefined || text[span.start] !== '[') {
    throw new JsonEditError(`cannot locate the "${key}" array in the text`);
  }
  const items: { start: number; end: number }[] = [];
  let pos = skipSpace(text, span.start + 1);
  while (text[pos] !== ']') {
    const end = skipValue(text, pos);
    items.push({ start: pos, end });
    pos = skipSpace(text, end);
    if (text[pos] === ',') pos = skipSpace(text, pos + 1);
  }
  return items;
}

/**
 * Returns `text` with item `index` of the top-level array `key` replaced by `item` (laid out
 * as Biome formats JSON, at the item's indentation), or removed when `item` is undefined.
 * Everything outside that item is kept byte for byte.
 */
export function replaceTopLevelArrayItem(text: string, key: string, index: number, item?: unknown): string {
  const before = JSON.parse(text) as Record<string, unknown>;
  const array = before[key];
  if (!Array.isArray(array)) throw new JsonEditError(`the file has no top-level "${key}" array`);
  const spans = arrayItemSpans(text, key);
  const target = spans[index];
  if (target === undefined || spans.length !== array.length) {
    throw new JsonEditError(`cannot locate item ${index} of the "${key}" array in the text`);
  }
  let edited: string;
  if (item === undefined) {
    // Remove the item with the separator before it (or after it, for the first item).
    const previous = spans[index - 1];
    const next = spans[index + 1];
    if (previous !== undefined) edited = text.slice(0, previous.end) + text.slice(target.end);
    else if (next !== undefined) edited = text.slice(0, target.start) + text.slice(next.start);
    else {
      const open = text.lastIndexOf('[', target.start);
      const close = text.indexOf(']', target.end);
      edited = `${text.slice(0, open + 1)}${text.slice(close)}`;
    }
  } else {
    const style = detectStyle(text);
    const original = text.slice(target.start, target.end);
    const body =
      editMembers(original, array[index], item, style, text.slice(0, target.start)) ??
      (text.includes('\n') ? formatJson(item, style, lineIndent(text, target.start)) : JSON.stringify(item));
    edited = text.slice(0, target.start) + body + text.slice(target.end);
  }
  const expected = [...array];
  if (item === undefined) expected.splice(index, 1);
  else expected[index] = item;
  if (!isDeepStrictEqual(JSON.parse(edited), JSON.parse(JSON.stringify({ ...before, [key]: expected })))) {
    throw new JsonEditError('editing the file would change more than that item');
  }
  return edited;
}

/**
 * The object text `original` (whose value is `before`) changed to `after` member by member:
 * members whose value is unchanged keep their text, changed ones are laid out anew, new ones
 * are appended. Undefined when a member was removed (the caller formats the whole item).
 */
function editMembers(
  original: string,
  before: unknown,
  after: unknown,
  style: JsonStyle,
  preceding: string,
): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after) || original[0] !== '{') return undefined;
  if (Object.keys(before).some((k) => !(k in after))) return undefined;
  const context = preceding + original;
  const offset = preceding.length;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const key of Object.keys(before)) {
    if (isDeepStrictEqual(before[key], after[key])) continue;
    const span = findTopLevelValue(original, key);
    if (span === undefined) return undefined;
    const indent = lineIndent(context, offset + span.start);
    const nested = editMembers(
      original.slice(span.start, span.end),
      before[key],
      after[key],
      style,
      context.slice(0, offset + span.start),
    );
    edits.push({
      ...span,
      text: nested ?? formatJson(after[key], style, original.includes('\n') ? indent : ''),
    });
  }
  let edited = original;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    edited = edited.slice(0, edit.start) + edit.text + edited.slice(edit.end);
  }
  const added = Object.keys(after).filter((k) => !(k in before));
  if (added.length > 0) {
    const close = edited.lastIndexOf('}');
    const lastEnd = edited.slice(0, close).trimEnd().length;
    const multiLine = edited.includes('\n');
    const memberIndent = multiLine ? lineIndent(context, offset + skipSpace(original, 1)) : '';
    const members = added
      .map((k) => {
        const value = formatJson(after[k], style, memberIndent);
        return multiLine
          ? `,${style.eol}${memberIndent}${JSON.stringify(k)}: ${value}`
          : `, ${JSON.stringify(k)}: ${value}`;
      })
      .join('');
    edited = edited.slice(0, lastEnd) + members + edited.slice(lastEnd);
  }
  return edited;
}
