/**
 * Reads a REST API (v1) proxy event defensively: `unknown` in, validated values out, never
 * a throw for shape (only {@link BodyError} from {@link readBody}, by design).
 */

/** An event's fields, or none. */
export type Fields = Readonly<Record<string, unknown>>;

/** The object's own fields; anything else reads as empty. */
export const asFields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};

/** An own property only: `__proto__` and inherited names read as absent. */
export const own = (fields: Fields, name: string): unknown =>
  Object.hasOwn(fields, name) ? fields[name] : undefined;

/**
 * Every value of header `name` (lowercase; matched in any case), from `headers` and
 * `multiValueHeaders` together, de-duplicated. A client repeating a header shows in the second.
 */
export function headerValues(event: Fields, name: string): string[] {
  const values = new Set<string>();
  const single = asFields(own(event, 'headers'));
  for (const key of Object.keys(single)) {
    const value = single[key];
    if (key.toLowerCase() === name && typeof value === 'string') values.add(value);
  }
  const multi = asFields(own(event, 'multiValueHeaders'));
  for (const key of Object.keys(multi)) {
    const list = multi[key];
    if (key.toLowerCase() !== name || !Array.isArray(list)) continue;
    for (const value of list) if (typeof value === 'string') values.add(value);
  }
  return [...values];
}

/** The header's value when sent exactly once, else `undefined`. */
export function singleHeader(event: Fields, name: string): string | undefined {
  const values = headerValues(event, name);
  return values.length === 1 ? values[0] : undefined;
}

/** What most handlers need first from an HTTP event. */
export interface HttpRequest {
  /** Uppercase; empty when the event has none. */
  readonly method: string;
  /** The `Origin` header when sent exactly once. */
  readonly origin: string | undefined;
  readonly event: Fields;
}

/** Adapts the event. Never throws. */
export function readHttpRequest(event: unknown): HttpRequest {
  const fields = asFields(event);
  const method = own(fields, 'httpMethod');
  return {
    method: typeof method === 'string' ? method.toUpperCase() : '',
    origin: singleHeader(fields, 'origin'),
    event: fields,
  };
}

/** Why a body was refused. */
export type BodyProblem = 'missing' | 'too-large' | 'not-base64' | 'not-utf8';

/** The body is absent, too large or not strict UTF-8 (after strict base64 when flagged so). */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly problem: BodyProblem,
    readonly maxBytes: number,
  ) {
    super(`request body: ${problem}`);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The body's text: at most `maxBytes` bytes (checked before decoding, and before encoding
 * a long string), base64 strict when `isBase64Encoded`, UTF-8 strict. Throws {@link BodyError}.
 */
export function readBody(event: Fields, maxBytes: number): string {
  const raw = own(event, 'body');
  if (typeof raw !== 'string' || raw === '') throw new BodyError('missing', maxBytes);
  let bytes: Buffer;
  if (own(event, 'isBase64Encoded') === true) {
    if (raw.length > Math.ceil(maxBytes / 3) * 4) throw new BodyError('too-large', maxBytes);
    if (!BASE64.test(raw)) throw new BodyError('not-base64', maxBytes);
    bytes = Buffer.from(raw, 'base64');
  } else {
    // Every character is at least one byte: a long string is refused before encoding it.
    if (raw.length > maxBytes) throw new BodyError('too-large', maxBytes);
    bytes = Buffer.from(raw, 'utf8');
  }
  if (bytes.length > maxBytes) throw new BodyError('too-large', maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BodyError('not-utf8', maxBytes);
  }
}
