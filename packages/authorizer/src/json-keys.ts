/**
 * Member-name checks that `JSON.parse` cannot do: it silently keeps the last of duplicate
 * names, so two parsers may read different claims from the same bytes (RFC 7515 section 4
 * allows rejecting such JWTs; we do). Names that touch prototypes are refused as well.
 *
 * Method, chosen for speed on every verification: count the member names in the text (a
 * scan without allocation), count the members `JSON.parse` kept, and compare. Any
 * duplicate, however its name is escaped, makes the parsed count smaller.
 */

/** Names never accepted in a token header or payload, at any depth. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const MAX_DEPTH = 64;

/** Member names written in `json` (valid JSON), or -1 when nested deeper than the limit. */
function namesInText(json: string): number {
  // true for an object, false for an array, per open bracket.
  const inObject: boolean[] = [];
  let expectName = false;
  let names = 0;
  const length = json.length;
  for (let i = 0; i < length; i++) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      while (end < length && json.charCodeAt(end) !== QUOTE)
        end += json.charCodeAt(end) === BACKSLASH ? 2 : 1;
      if (expectName) {
        names++;
        expectName = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (inObject.push(c === OPEN_OBJECT) > MAX_DEPTH) return -1;
      expectName = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      inObject.pop();
      expectName = false;
    } else if (c === COMMA) {
      expectName = inObject[inObject.length - 1] === true;
    }
  }
  return names;
}

/** Members `JSON.parse` kept, or -1 when one has a forbidden name. */
function namesInValue(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let names = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = namesInValue(item);
      if (inner < 0) return -1;
      names += inner;
    }
    return names;
  }
  for (const name in value) {
    if (FORBIDDEN_NAMES.has(name)) return -1;
    const inner = namesInValue((value as Record<string, unknown>)[name]);
    if (inner < 0) return -1;
    names += 1 + inner;
  }
  return names;
}

/**
 * True when every object in `json` has distinct member names, none is forbidden, and
 * nesting stays within 64 levels. `parsed` must be `JSON.parse(json)`.
 */
export function hasSafeMemberNames(json: string, parsed: unknown): boolean {
  const written = namesInText(json);
  return written >= 0 && written === namesInValue(parsed);
}
