/**
 * Member-name checks that `JSON.parse` cannot do: it silently keeps the last of duplicate
 * names, so two parsers may read different claims from the same bytes (RFC 7515 section 4
 * allows rejecting such JWTs; we do). Names that touch prototypes are refused as well.
 */

/** Names never accepted in a token header or payload, at any depth. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * True when every object in `json` has distinct member names and none is forbidden.
 * `json` must already be valid JSON (call after `JSON.parse` succeeded): the scan only
 * tracks strings and brackets. Escaped names are decoded before comparing, so
 * `"iss"` and `"\u0069ss"` are the same name.
 */
export function hasSafeMemberNames(json: string): boolean {
  // One entry per open bracket: the names seen so far (objects) or null (arrays).
  const stack: (Set<string> | null)[] = [];
  let expectName = false;
  const length = json.length;
  for (let i = 0; i < length; i++) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < length && json.charCodeAt(end) !== QUOTE) {
        if (json.charCodeAt(end) === BACKSLASH) {
          escaped = true;
          end += 2;
        } else {
          end++;
        }
      }
      if (expectName) {
        const name: string = escaped ? JSON.parse(json.slice(i, end + 1)) : json.slice(i + 1, end);
        const names = stack[stack.length - 1];
        if (!names || names.has(name) || FORBIDDEN_NAMES.has(name)) return false;
        names.add(name);
        expectName = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      stack.push(new Set());
      expectName = true;
    } else if (c === OPEN_ARRAY) {
      stack.push(null);
      expectName = false;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      expectName = false;
    } else if (c === COMMA) {
      expectName = stack[stack.length - 1] instanceof Set;
    }
  }
  return true;
}
