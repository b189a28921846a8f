/**
 * Reads the REST API (v1) proxy event defensively (`unknown` in, validated values out).
 * Who calls comes only from `requestContext.authorizer` (the kit's `readCaller`): never from
 * headers (`x-tenant-id` and the like are client-writable on an AWS_PROXY route), the path
 * or the body, which the caller writes.
 */
import { type Caller, readCaller as readAuthorizerCaller } from '@cognito-tenancy/kit/authorizer-caller';
import {
  asFields,
  BodyError,
  type Fields,
  type HttpRequest,
  headerValues,
  own,
  readBody,
  readHttpRequest,
} from '@cognito-tenancy/kit/http-request';
import { TENANT_ID } from '@cognito-tenancy/registry/identifiers';
import { USER_SUB } from '@cognito-tenancy/registry/keys';
import { InvalidRequestError } from './errors';

export type { Caller };
export { headerValues };

/** What the handler needs from an event. */
export interface IncomingRequest extends HttpRequest {
  /** The path under the API (`pets`, `pets/<id>`), from the `{proxy+}` parameter. */
  readonly path: string;
}

/** Longer paths are no route of this service; not worth splitting. */
const MAX_PATH_LENGTH = 512;
/** Request bodies are capped before decoding or parsing. */
export const MAX_BODY_BYTES = 4096;

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
  const request = readHttpRequest(event);
  return { ...request, path: pathOf(request.event) };
}

/** The caller from `requestContext.authorizer`; throws `AuthorizerContextError`. */
export const readCaller = (request: IncomingRequest): Caller =>
  readAuthorizerCaller(request.event, { tenantId: TENANT_ID, sub: USER_SUB });

const JSON_CONTENT_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

const BODY_FIXES = {
  missing: 'send a JSON object',
  'too-large': `send at most ${MAX_BODY_BYTES} bytes`,
  'not-base64': 'send a JSON object',
  'not-utf8': 'send UTF-8 text',
} as const;

/**
 * The JSON body's text: `Content-Type` exactly once and `application/json` (optionally
 * `charset=utf-8`; forms and `text/plain` need a CORS preflight this way), then the kit's
 * `readBody`: at most {@link MAX_BODY_BYTES} bytes (checked before decoding), base64 and
 * UTF-8 strict.
 */
export function readJsonBody(request: IncomingRequest): string {
  const types = headerValues(request.event, 'content-type');
  if (types.length !== 1 || !JSON_CONTENT_TYPE.test(types[0]?.trim() ?? '')) {
    throw new InvalidRequestError('content-type', 'unsupported', 'send Content-Type: application/json');
  }
  try {
    return readBody(request.event, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyError)
      throw new InvalidRequestError('body', error.problem, BODY_FIXES[error.problem]);
    throw error;
  }
}
