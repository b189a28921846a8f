/**
 * Turns the mapped `custom:groups` attribute into a list of group names. Cognito writes a
 * multi-valued SAML attribute as a bracketed list (`[a, b]`), sometimes URL-encoded; IdPs
 * also send single values, JSON arrays and LDAP distinguished names (`CN=Admins,OU=X`),
 * which must stay whole. Anything malformed yields no groups, never an exception.
 */

export interface ParsedGroups {
  readonly groups: readonly string[];
  /** True when the value could not be read at all (and so yielded no groups). */
  readonly malformed: boolean;
}

/** More than the 2,048 bytes Cognito stores, even URL-encoded; longer input is refused unread. */
const MAX_RAW_LENGTH = 16_384;
/** Longest group name kept (the registry's policy entries have the same limit). */
export const MAX_GROUP_NAME_LENGTH = 256;

// Control characters and lone surrogates (which would not survive UTF-8 encoding).
const UNUSABLE = /[\p{Cc}\p{Cs}]/u;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
/** An RDN that continues a distinguished name (`OU=X`, `DC=example`), never a group of its own. */
const RDN_CONTINUATION = /^\s*(?:OU|DC|O|L|ST|C|STREET)\s*=/i;
/** A value that is a distinguished name, or starts one (`CN=Admins`). */
const DN_START = /^\s*[A-Za-z][A-Za-z0-9-]*\s*=/;

const MALFORMED: ParsedGroups = { groups: [], malformed: true };

/** Percent-decodes `value` when it holds valid escapes; a lone `%` is a literal. `undefined` when the escapes are not UTF-8. */
function decodePercent(value: string): string | undefined {
  if (!value.includes('%') || BAD_PERCENT.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Splits the inside of `[a, b]` at commas, rejoining DN pieces: `[CN=A,OU=X, b]` -> `CN=A,OU=X`, `b`. */
function splitList(inner: string): string[] {
  const items: string[] = [];
  for (const piece of inner.split(',')) {
    const last = items.length - 1;
    if (last >= 0 && RDN_CONTINUATION.test(piece) && DN_START.test(items[last] ?? '')) {
      items[last] = `${items[last]},${piece}`;
    } else {
      items.push(piece);
    }
  }
  return items;
}

/** The items of a JSON array of strings; `null` for other JSON; `undefined` when not JSON at all. */
function fromJson(text: string): string[] | null | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return Array.isArray(parsed) && parsed.every((g) => typeof g === 'string') ? parsed : null;
}

function rawItems(text: string, depth: number): string[] | undefined {
  if (text.startsWith('[')) {
    const json = fromJson(text);
    // Valid JSON that is not a list of strings is malformed, not a bracketed list.
    if (json !== undefined) return json ?? undefined;
    if (!text.endsWith(']')) return undefined;
    const decoded = splitList(text.slice(1, -1)).map(decodePercent);
    return decoded.every((item) => item !== undefined) ? (decoded as string[]) : undefined;
  }
  const decoded = decodePercent(text);
  if (decoded === undefined) return undefined;
  // A whole list URL-encoded (`%5Ba%2C%20b%5D`): read the decoded text once more.
  const trimmed = decoded.trim();
  if (decoded !== text && trimmed.startsWith('[') && depth === 0) return rawItems(trimmed, 1);
  return [decoded];
}

function usable(name: string): boolean {
  return name.length > 0 && name.length <= MAX_GROUP_NAME_LENGTH && !UNUSABLE.test(name);
}

/** Reads `custom:groups`. Names are trimmed, de-duplicated (first wins) and unusable names dropped. */
export function parseGroups(raw: string | undefined): ParsedGroups {
  if (raw === undefined) return { groups: [], malformed: false };
  if (raw.length > MAX_RAW_LENGTH) return MALFORMED;
  const text = raw.trim();
  if (text === '') return { groups: [], malformed: false };
  const items = rawItems(text, 0);
  if (!items) return MALFORMED;
  const groups = new Set<string>();
  for (const item of items) {
    const name = item.trim();
    if (usable(name)) groups.add(name);
  }
  return { groups: [...groups], malformed: false };
}
