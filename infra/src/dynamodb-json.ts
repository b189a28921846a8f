/**
 * DynamoDB JSON for `aws_dynamodb_table_item`: the registry's plain records marshalled the
 * way the SDK's `marshall()` does for strings, booleans, numbers, lists and maps.
 */

export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly L: readonly AttributeValue[] }
  | { readonly M: Readonly<Record<string, AttributeValue>> };

/** Marshals one value; throws on types the registry never stores (null, functions, ...). */
export function marshalValue(value: unknown, path = 'item'): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number' && Number.isFinite(value)) return { N: String(value) };
  if (Array.isArray(value)) return { L: value.map((v, i) => marshalValue(v, `${path}[${i}]`)) };
  if (typeof value === 'object' && value !== null)
    return { M: marshalItem(value as Record<string, unknown>, path) };
  throw new TypeError(`${path}: cannot store ${value === null ? 'null' : typeof value} in the tenant table`);
}

/** Marshals an item; `undefined` fields are left out. */
export function marshalItem(
  item: Readonly<Record<string, unknown>>,
  path = 'item',
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value !== undefined) out[key] = marshalValue(value, `${path}.${key}`);
  }
  return out;
}
