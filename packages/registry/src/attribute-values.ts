/**
 * Minimal DynamoDB AttributeValue (un)marshalling for the registry's items, so Lambdas
 * need only `@aws-sdk/client-dynamodb` and not `@aws-sdk/util-dynamodb`.
 * Supports S, N, BOOL, NULL, L, M and SS: everything the registry writes.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] };

export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/** Turns a plain object into an attribute map. `undefined` fields are left out. */
export function marshallItem(
  item: Readonly<Record<string, PlainValue | undefined>>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value !== undefined) out[key] = marshallValue(value);
  }
  return out;
}

function marshallValue(value: PlainValue): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(marshallValue) };
  return { M: marshallItem(value) };
}

/**
 * Turns an attribute map into a plain object with a null prototype, so a stored
 * `__proto__` attribute is just a field. Unknown types become `undefined`.
 */
export function unmarshallItem(item: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(item)) out[key] = unmarshallValue(item[key]);
  return out;
}

function unmarshallValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.S === 'string') return v.S;
  if (typeof v.N === 'string') return Number(v.N);
  if (typeof v.BOOL === 'boolean') return v.BOOL;
  if (v.NULL === true) return null;
  if (Array.isArray(v.L)) return v.L.map(unmarshallValue);
  if (Array.isArray(v.SS)) return [...v.SS];
  if (typeof v.M === 'object' && v.M !== null) return unmarshallItem(v.M as Record<string, unknown>);
  return undefined;
}
