/**
 * Reads an API Gateway event (REST API v1 proxy or HTTP API v2) defensively: the event
 * is treated as untrusted `unknown`, and the email is validated before any I/O.
 */
import { BodyError, readBody } from '@cognito-tenancy/kit/http-request';
import { type NormalizedEmail, normalizeEmail } from '@cognito-tenancy/registry/normalize';
import { BadRequestError } from './errors';

/**
 * Largest accepted body, in bytes after base64 decoding. `{"email": ...}` with the
 * longest email `normalizeEmail` accepts (512 characters), even fully `\u`-escaped, fits.
 */
export const MAX_BODY_BYTES = 4096;

/** What the handler needs from an event, whichever API Gateway version sent it. */
export interface IncomingRequest {
  readonly method: string;
  /** Lowercased header names. A name sent more than once maps to every value. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: unknown;
  readonly isBase64Encoded: boolean;
}

type Fields = Readonly<Record<string, unknown>>;

const asFields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null ? (value as Fields) : {};

function collectHeaders(event: Fields): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const add = (name: string, value: unknown) => {
    if (typeof value !== 'string') return;
    const key = name.toLowerCase();
    const list = headers.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    headers.set(key, list);
  };
  const single = asFields(event.headers);
  for (const name of Object.keys(single)) add(name, single[name]);
  // REST API v1 also sends every value of repeated headers here.
  const multi = asFields(event.multiValueHeaders);
  for (const name of Object.keys(multi)) {
    const values = multi[name];
    if (Array.isArray(values)) for (const value of values) add(name, value);
  }
  return headers;
}

/** Adapts a v1 or v2 proxy event. Never throws, whatever the event holds. */
export function readRequest(event: unknown): IncomingRequest {
  const fields = asFields(event);
  const http = asFields(asFields(fields.requestContext).http);
  const method = typeof fields.httpMethod === 'string' ? fields.httpMethod : http.method;
  return {
    method: typeof method === 'string' ? method.toUpperCase() : '',
    headers: collectHeaders(fields),
    body: fields.body,
    isBase64Encoded: fields.isBase64Encoded === true,
  };
}

/** The only value of header `name`, or undefined when absent or sent with different values. */
export function singleHeader(request: IncomingRequest, name: string): string | undefined {
  const values = request.headers.get(name);
  return values?.length === 1 ? values[0] : undefined;
}

// `application/json`, optionally with a UTF-8 charset. Other types are refused so that a
// cross-origin browser call always needs a CORS preflight.
const JSON_CONTENT_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*"?utf-8"?[ \t]*)?$/i;
/**
 * The body's text through the kit's `readBody`: at most {@link MAX_BODY_BYTES} (checked before
 * decoding), strict base64 when flagged so, strict UTF-8.
 */
function bodyText(request: IncomingRequest): string {
  try {
    return readBody({ body: request.body, isBase64Encoded: request.isBase64Encoded }, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyError) throw new BadRequestError('body', `body-${error.problem}`);
    throw error;
  }
}

/**
 * Validates content type and body and returns the normalised email, or throws
 * {@link BadRequestError} naming the field. The body size is checked before parsing.
 */
export function readEmail(request: IncomingRequest): NormalizedEmail {
  const contentType = singleHeader(request, 'content-type');
  if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType.trim())) {
    throw new BadRequestError('content-type', 'unsupported-content-type');
  }
  const text = bodyText(request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError('body', 'body-not-json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError('body', 'body-not-object');
  }
  // Own property only: `{"__proto__": {"email": ...}}` must not supply an email.
  const email = Object.hasOwn(parsed, 'email') ? (parsed as Fields).email : undefined;
  if (email === undefined) throw new BadRequestError('email', 'email-missing');
  const normalized = normalizeEmail(email);
  if (!normalized.ok) throw new BadRequestError('email', `email-${normalized.reason}`);
  return normalized.value;
}
