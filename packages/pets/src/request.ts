/**
 * Reads the REST API (v1) proxy event defensively (`unknown` in, validated values out).
 * Who calls comes only from `requestContext.authorizer`, which API Gateway fills from the
 * authorizer's answer: never from headers (`x-tenant-id` and the like are client-writable
 * on an AWS_PROXY route), the path or the body, which the caller writes.
 */
import { TENANT_ID } from '@cognito-tenancy/registry/identifiers';
import { USER_SUB } from '@cognito-tenancy/registry/keys';
import { AuthorizerContextError, InvalidRequestError } from './errors';

/** The authenticated caller, as the authorizer bound them. */
export interface Caller {
  readonly tenantId: string;
  readonly sub: string;
  readonly groups: readonly string[];
}

/** What the handler needs from an event. */
export interface IncomingRequest {
  /** Uppercase; empty when the event has none. */
  readonly method: string;
  /** The path under the API (`pets`, `pets/<id>`), from the `{proxy+}` parameter. */
  readonly path: string;
  /** The `Origin` header when sent exactly once. */
  readonly origin: string | undefined;
  readonly event: Fields;
}

type Fields = Readonly<Record<string, unknown>>;

const asFields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};

const own = (fields: Fields, name: string): unknown =>
  Object.hasOwn(fields, name) ? fields[name] : undefined;

/** Longer paths are no route of this service; not worth splitting. */
const MAX_PATH_LENGTH = 512;
/** Request bodies are capped before decoding or parsing. */
export const MAX_BODY_BYTES = 4096;
// The groups context value is a JSON array string (TENANT_CONTEXT in the registry); a token
// carries at most a few KB of groups, so anything much larger is not the authorizer's.
const MAX_GROUPS_JSON = 32_768;
const MAX_GROUPS = 1000;

/**
 * Every value of header `name` (any case), from `headers` and `multiValueHeaders` together,
 * de-duplicated. API Gateway fills both; a client repeating a header shows up in the second.
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

function pathOf(event: Fields): string {
  // The greedy parameter is what API Gateway matched under `/{proxy+}`; `path` is the fallback
  // for events built without it (a copy behind another router).
  const proxy = own(asFields(own(event, 'pathParameters')), 'proxy');
  const raw = typeof proxy === 'string' ? proxy : own(event, 'path');
  if (typeof raw !== 'string' || raw.length > MAX_PATH_LENGTH) return '';
  return raw.replace(/^\//, '');
}

/** Adapts the event. Never throws. */
export function readRequest(event: unknown): IncomingRequest {
  const fields = asFields(event);
  const method = own(fields, 'httpMethod');
  const origins = headerValues(fields, 'origin');
  return {
    method: typeof method === 'string' ? method.toUpperCase() : '',
    path: pathOf(fields),
    origin: origins.length === 1 ? origins[0] : undefined,
    event: fields,
  };
}

function groupsOf(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw.length > MAX_GROUPS_JSON) throw new AuthorizerContextError('groups');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AuthorizerContextError('groups');
  }
  if (!Array.isArray(parsed) || parsed.length > MAX_GROUPS || !parsed.every((g) => typeof g === 'string')) {
    throw new AuthorizerContextError('groups');
  }
  return parsed as string[];
}

/** The caller from `requestContext.authorizer`; throws {@link AuthorizerContextError}. */
export function readCaller(request: IncomingRequest): Caller {
  const context = own(request.event, 'requestContext');
  const authorizer = asFields(own(asFields(context), 'authorizer'));
  const tenantId = own(authorizer, 'tenantId');
  const sub = own(authorizer, 'sub');
  if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) throw new AuthorizerContextError('tenantId');
  if (typeof sub !== 'string' || !USER_SUB.test(sub)) throw new AuthorizerContextError('sub');
  return { tenantId, sub, groups: groupsOf(own(authorizer, 'groups')) };
}

const JSON_CONTENT_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The JSON body's text: `Content-Type` exactly once and `application/json` (optionally
 * `charset=utf-8`; forms and `text/plain` need a CORS preflight this way), at most
 * {@link MAX_BODY_BYTES} bytes (checked before decoding), base64 strict, UTF-8 strict.
 */
export function readJsonBody(request: IncomingRequest): string {
  const types = headerValues(request.event, 'content-type');
  if (types.length !== 1 || !JSON_CONTENT_TYPE.test(types[0]?.trim() ?? '')) {
    throw new InvalidRequestError('content-type', 'unsupported', 'send Content-Type: application/json');
  }
  const raw = own(request.event, 'body');
  if (typeof raw !== 'string' || raw === '') {
    throw new InvalidRequestError('body', 'missing', 'send a JSON object');
  }
  const tooLarge = () => new InvalidRequestError('body', 'too-large', `send at most ${MAX_BODY_BYTES} bytes`);
  let bytes: Buffer;
  if (own(request.event, 'isBase64Encoded') === true) {
    if (raw.length > Math.ceil(MAX_BODY_BYTES / 3) * 4) throw tooLarge();
    if (!BASE64.test(raw)) throw new InvalidRequestError('body', 'not-base64', 'send a JSON object');
    bytes = Buffer.from(raw, 'base64');
  } else {
    // Every character is at least one byte: a long string is refused before encoding it.
    if (raw.length > MAX_BODY_BYTES) throw tooLarge();
    bytes = Buffer.from(raw, 'utf8');
  }
  if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InvalidRequestError('body', 'not-utf8', 'send UTF-8 text');
  }
}
