/**
 * Adapts API Gateway's REST authorizer events (REQUEST and TOKEN) to the three values the
 * decision needs. The event is treated as untrusted input of unknown shape: only own
 * string properties are read, and an ambiguous request (two Authorization headers) is refused.
 */
import type { TrustedHostHeader } from './config';
import { InvalidEventError, MissingTokenError } from './errors';

/** What the authorizer reads from an event. */
export interface AuthorizerRequest {
  /** The raw `Authorization` value (not yet parsed). */
  readonly authorization: string;
  /** The domain the request arrived on, raw; `undefined` for TOKEN events. */
  readonly host: string | undefined;
  /** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<method>/<path>`. */
  readonly methodArn: string;
}

type Fields = Readonly<Record<string, unknown>>;

function fields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function own(object: Fields | undefined, key: string): unknown {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}

function ownString(object: Fields | undefined, key: string): string | undefined {
  const value = own(object, key);
  return typeof value === 'string' ? value : undefined;
}

/** The values of every header whose name matches `name` case-insensitively. */
function headerValues(headers: Fields | undefined, name: string): unknown[] {
  if (headers === undefined) return [];
  const values: unknown[] = [];
  for (const key of Object.keys(headers)) {
    if (key.length === name.length && key.toLowerCase() === name) values.push(headers[key]);
  }
  return values;
}

function singleHeader(event: Fields, name: string): string | undefined {
  const values = headerValues(fields(own(event, 'headers')), name);
  if (values.length > 1) throw new InvalidEventError('ambiguous header');
  const value = values[0];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidEventError('header is not a string');
  // API Gateway keeps every repeated header in multiValueHeaders: more than one is ambiguous.
  for (const list of headerValues(fields(own(event, 'multiValueHeaders')), name)) {
    if (Array.isArray(list) && list.length > 1) throw new InvalidEventError('repeated header');
  }
  return value;
}

/**
 * Reads a REQUEST or TOKEN authorizer event; throws {@link InvalidEventError} or {@link MissingTokenError}.
 * With `trustedHostHeader`, a REQUEST event's host is that header's one value and nothing else:
 * missing, repeated or a list (`a, b`: something upstream appended) is an invalid event.
 */
export function readAuthorizerEvent(
  event: unknown,
  trustedHostHeader?: TrustedHostHeader,
): AuthorizerRequest {
  const e = fields(event);
  const methodArn = ownString(e, 'methodArn');
  if (e === undefined || methodArn === undefined) throw new InvalidEventError('not an authorizer event');
  const type = own(e, 'type');
  if (type === 'TOKEN') {
    const token = ownString(e, 'authorizationToken');
    if (token === undefined || token === '') throw new MissingTokenError();
    return { authorization: token, host: undefined, methodArn };
  }
  if (type !== 'REQUEST') throw new InvalidEventError('unsupported event type');
  const authorization = singleHeader(e, 'authorization');
  if (authorization === undefined || authorization === '') throw new MissingTokenError();
  if (trustedHostHeader !== undefined) {
    const trusted = singleHeader(e, trustedHostHeader);
    if (trusted === undefined || trusted === '' || trusted.includes(',')) {
      throw new InvalidEventError('trusted host header missing or ambiguous');
    }
    return { authorization, host: trusted, methodArn };
  }
  // context.domainName is an identity source, so API Gateway's cache is keyed on it: it wins.
  const host = ownString(fields(own(e, 'requestContext')), 'domainName') ?? singleHeader(e, 'host');
  return { authorization, host, methodArn };
}
