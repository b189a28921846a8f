/**
 * The headers the gateway sends to the service on `/{proxy+}`: the client's headers minus
 * hop-by-hop ones and minus ANY copy of the tenant context headers (a client must never
 * pick its own tenant or groups), in any casing and also spelt with `_` for `-`: WSGI/CGI
 * servers fold `X_Tenant_Id` and `X-Tenant-Id` into one key (`HTTP_X_TENANT_ID`), so an
 * underscore copy would sit next to the real header there. Plus the tenant context taken from the authorizer's
 * `context`, as infra maps `context.authorizer.<key>` into integration request headers.
 */
import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import type { ContextValue } from './authorizer-result';
import { headerValues } from './proxy-event';
import type { HeaderSource } from './twin-stack';

/** The header with which the gateway proves to the sample service that it sent the request. */
export const GATEWAY_SECRET_HEADER = 'x-local-gateway-secret';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/** The integration's request headers when no stack names them: infra's tenant context mapping. */
export const DEFAULT_HEADER_SOURCES: Readonly<Record<string, HeaderSource>> = Object.fromEntries(
  Object.entries(TENANT_CONTEXT).map(([key, header]) => [header, { context: key }]),
);

const CONTEXT_HEADERS = new Set<string>(Object.values(TENANT_CONTEXT));

/** The name a CGI-style server sees: case folded, `_` read as `-`. */
const foldedName = (name: string) => name.toLowerCase().replaceAll('_', '-');

/** True for a client header that a service could read as a tenant header or the gateway secret. */
export function isReservedHeader(name: string, mapped: ReadonlySet<string> = CONTEXT_HEADERS): boolean {
  const folded = foldedName(name);
  return CONTEXT_HEADERS.has(folded) || mapped.has(folded) || folded === GATEWAY_SECRET_HEADER;
}

/** The authorizer's context lacks a key or holds a value that cannot be a header. */
export class TenantContextError extends Error {
  override readonly name = 'TenantContextError';
}

// Printable ASCII and tabs only: never a CR/LF that would split a header.
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/**
 * Builds the service-bound headers from the client's raw headers, the authorizer context and
 * the integration's request parameters (`sources`: header -> context key, client header or
 * literal), as API Gateway maps `integration.request.header.*`.
 */
export function serviceHeaders(
  rawHeaders: readonly string[],
  context: Readonly<Record<string, ContextValue>>,
  extra: Readonly<Record<string, string>> = {},
  sources: Readonly<Record<string, HeaderSource>> = DEFAULT_HEADER_SOURCES,
): Record<string, string[]> {
  const mapped = new Set(Object.keys(sources).map(foldedName));
  // No prototype: a client header named `__proto__` or `constructor` must not reach Object's.
  const headers: Record<string, string[]> = Object.create(null);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(name) || isReservedHeader(name, mapped)) continue;
    headers[name] = [...(headers[name] ?? []), rawHeaders[i + 1] as string];
  }
  for (const [header, source] of Object.entries(sources)) {
    let text: string | undefined;
    if ('context' in source) {
      const value = Object.hasOwn(context, source.context) ? context[source.context] : undefined;
      // Fail closed: the service never sees a request with part of a tenant context.
      if (value === undefined || value === '')
        throw new TenantContextError(`authorizer context has no '${source.context}'`);
      text = String(value);
    } else if ('header' in source) {
      text = headerValues(rawHeaders, source.header).at(0);
    } else {
      text = source.literal;
    }
    if (text === undefined) continue;
    if (!HEADER_VALUE.test(text)) throw new TenantContextError(`'${header}' would not be a header value`);
    headers[header.toLowerCase()] = [text];
  }
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = [value];
  return headers;
}
