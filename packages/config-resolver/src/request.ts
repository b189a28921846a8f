/**
 * Reads what this function needs from an API Gateway proxy event, REST (v1) or HTTP API
 * (v2), without trusting its shape: the event is `unknown` until proven otherwise.
 */
import type { TrustedHostHeader } from './config';
import { AmbiguousHostError, MalformedEventError, MissingHostError } from './errors';

/** The parts of a request this function looks at. */
export interface RequestView {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** `requestContext.domainName`: the custom domain API Gateway served (not client-controlled). */
  readonly domainName: unknown;
  /** Lower-case header name -> every value seen (v1 `headers` + `multiValueHeaders`, v2 `headers`). */
  readonly headers: ReadonlyMap<string, readonly unknown[]>;
}

type Fields = Readonly<Record<string, unknown>>;

function fields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function collectHeaders(event: Fields): Map<string, unknown[]> {
  const headers = new Map<string, unknown[]>();
  const add = (name: string, value: unknown) => {
    const key = name.toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  };
  const multi = fields(event.multiValueHeaders);
  // API Gateway v1 repeats each header in both maps; multiValueHeaders is the complete one.
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (Array.isArray(values)) for (const value of values) add(name, value);
    else add(name, values);
  }
  for (const [name, value] of Object.entries(fields(event.headers) ?? {})) {
    const seen =
      multi !== undefined && Object.keys(multi).some((m) => m.toLowerCase() === name.toLowerCase());
    if (!seen) add(name, value);
  }
  return headers;
}

/** Parses a v1 or v2 proxy event. Throws {@link MalformedEventError} when it is neither. */
export function readRequest(event: unknown): RequestView {
  const root = fields(event);
  const context = fields(root?.requestContext);
  if (!root || !context) throw new MalformedEventError();
  const v2Method = fields(context.http)?.method;
  const method = typeof v2Method === 'string' ? v2Method : root.httpMethod;
  if (typeof method !== 'string') throw new MalformedEventError();
  return { method: method.toUpperCase(), domainName: context.domainName, headers: collectHeaders(root) };
}

/** The one value of a header, or undefined when it is absent or not a single string. */
export function singleHeader(request: RequestView, name: string): string | undefined {
  const values = request.headers.get(name);
  if (values?.length !== 1) return undefined;
  const [value] = values;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The raw tenant host: `requestContext.domainName`, or the configured header when one is
 * trusted. Any other `Host`/`X-Forwarded-Host` is ignored, so a client cannot pick a tenant.
 */
export function rawHost(request: RequestView, trusted: TrustedHostHeader | undefined): unknown {
  if (trusted === undefined) {
    if (request.domainName === undefined || request.domainName === null) throw new MissingHostError();
    return request.domainName;
  }
  const values = request.headers.get(trusted) ?? [];
  if (values.length === 0) throw new MissingHostError();
  // Two values (or an `a, b` proxy chain) mean someone upstream appended: trust neither.
  if (values.length > 1) throw new AmbiguousHostError();
  const [value] = values;
  if (typeof value === 'string' && value.includes(',')) throw new AmbiguousHostError();
  return value;
}
