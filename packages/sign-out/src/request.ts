/**
 * Reads the REST API (v1) proxy event defensively (`unknown` in, validated values out).
 * Who calls comes only from `requestContext.authorizer` (the kit's `readCaller`).
 */
import { type Caller, readCaller as readAuthorizerCaller } from '@cognito-tenancy/kit/authorizer-caller';
import { asFields, type HttpRequest, own, readHttpRequest } from '@cognito-tenancy/kit/http-request';
import { TENANT_ID } from '@cognito-tenancy/registry/identifiers';
import { USER_SUB } from '@cognito-tenancy/registry/keys';
import { InvalidSubError } from './errors';

export type { Caller };

/** What the handler needs from an event. */
export type IncomingRequest = HttpRequest;

/** Adapts the event. Never throws. */
export const readRequest = readHttpRequest;

/** The caller from `requestContext.authorizer`; throws `AuthorizerContextError`. */
export const readCaller = (request: IncomingRequest): Caller =>
  readAuthorizerCaller(request.event, { tenantId: TENANT_ID, sub: USER_SUB });

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
