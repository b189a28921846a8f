/**
 * Reads a Lambda proxy integration result (`statusCode`, `headers`, `multiValueHeaders`,
 * `body`, `isBase64Encoded`) into an HTTP answer. A result of any other shape is what
 * API Gateway calls a malformed Lambda proxy response: a 502.
 */

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string[]>>;
  readonly body: Buffer;
}

/** The function answered something that is not a proxy result. */
export class MalformedProxyResultError extends Error {
  override readonly name = 'MalformedProxyResultError';
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => ['string', 'number', 'boolean'].includes(typeof v);

/** Parses a proxy result. Throws {@link MalformedProxyResultError}. */
export function readProxyResult(payload: unknown): HttpAnswer {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new MalformedProxyResultError('result is not an object');
  }
  const r = payload as Record<string, unknown>;
  const status = r.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new MalformedProxyResultError('statusCode missing or not an HTTP status');
  }
  // No prototype: a header named `__proto__` or `constructor` is just a header.
  const headers: Record<string, string[]> = Object.create(null);
  const single = r.headers ?? {};
  const multi = r.multiValueHeaders ?? {};
  if (typeof single !== 'object' || single === null || typeof multi !== 'object' || multi === null) {
    throw new MalformedProxyResultError('headers must be objects');
  }
  for (const [name, value] of Object.entries(single)) {
    if (!isScalar(value)) throw new MalformedProxyResultError(`header '${name}' is not a scalar`);
    headers[name.toLowerCase()] = [String(value)];
  }
  for (const [name, values] of Object.entries(multi)) {
    if (!Array.isArray(values) || !values.every(isScalar)) {
      throw new MalformedProxyResultError(`multi-value header '${name}' is not a list of scalars`);
    }
    headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), ...values.map(String)];
  }
  const body = r.body ?? '';
  if (typeof body !== 'string') throw new MalformedProxyResultError('body is not a string');
  return { status, headers, body: Buffer.from(body, r.isBase64Encoded === true ? 'base64' : 'utf8') };
}
