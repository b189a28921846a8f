/**
 * Reads the REST API (v1) proxy event defensively (`unknown` in, validated values out).
 * Who calls comes only from `requestContext.authorizer`, which API Gateway fills from the
 * authorizer's answer: never from headers or the body, which the caller writes.
 */

import { TENANT_ID } from '@cognito-tenancy/registry/identifiers';
import { USER_SUB } from '@cognito-tenancy/registry/keys';
import { AuthorizerContextError, InvalidSubError } from './errors';

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
  /** The `Origin` header when sent exactly once. */
  readonly origin: string | undefined;
  readonly event: Fields;
}

type Fields = Readonly<Record<string, unknown>>;

const asFields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};

const own = (fields: Fields, name: string): unknown =>
  Object.hasOwn(fields, name) ? fields[name] : undefined;

// The groups context value is a JSON array string (TENANT_CONTEXT in the registry); a token
// carries at most a few KB of groups, so anything much larger is not the authorizer's.
const MAX_GROUPS_JSON = 32_768;
const MAX_GROUPS = 1000;

/** Adapts the event. Never throws. */
export function readRequest(event: unknown): IncomingRequest {
  const fields = asFields(event);
  const method = own(fields, 'httpMethod');
  const origins: string[] = [];
  const headers = asFields(own(fields, 'headers'));
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (name.toLowerCase() === 'origin' && typeof value === 'string') origins.push(value);
  }
  return {
    method: typeof method === 'string' ? method.toUpperCase() : '',
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

/**
 * The target's sub from the `{sub}` path parameter, lowercased and checked to be a UUID
 * before any I/O (it goes into a ListUsers filter and a table key). Throws {@link InvalidSubError}.
 */
export function readTargetSub(request: IncomingRequest): string {
  const raw = own(asFields(own(request.event, 'pathParameters')), 'sub');
  if (typeof raw !== 'string' || raw === '') throw new InvalidSubError('sub-missing');
  // The length check first: toLowerCase of a huge string is work an attacker chose.
  if (raw.length !== 36) throw new InvalidSubError('sub-invalid');
  const sub = raw.toLowerCase();
  if (!USER_SUB.test(sub)) throw new InvalidSubError('sub-invalid');
  return sub;
}
