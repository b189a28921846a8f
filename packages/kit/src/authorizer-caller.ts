/**
 * The caller of a route behind the authorizer, read from `requestContext.authorizer`, which
 * API Gateway fills from the authorizer's answer: never from headers, the path or the body,
 * which the caller writes.
 */
import { asFields, type Fields, own } from './http-request';

/** The authenticated caller, as the authorizer bound them. */
export interface Caller {
  readonly tenantId: string;
  readonly sub: string;
  readonly groups: readonly string[];
}

/** The patterns a tenant id and a sub must match (the registry's `TENANT_ID`, `USER_SUB`). */
export interface CallerPatterns {
  readonly tenantId: RegExp;
  readonly sub: RegExp;
}

/**
 * `requestContext.authorizer` is missing or malformed: the route is not behind the
 * authorizer, or the authorizer's contract changed. A deployment error (500), never a guess.
 */
export class AuthorizerContextError extends Error {
  override readonly name = 'AuthorizerContextError';
  readonly reason = 'authorizer-context-invalid';
  constructor(readonly field: string) {
    super(`authorizer context: invalid or missing '${field}'`);
  }
}

// The groups context value is a JSON array string; a token carries at most a few KB of
// groups, so anything much larger is not the authorizer's.
const MAX_GROUPS_JSON = 32_768;
const MAX_GROUPS = 1000;

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
export function readCaller(event: Fields, patterns: CallerPatterns): Caller {
  const authorizer = asFields(own(asFields(own(event, 'requestContext')), 'authorizer'));
  const tenantId = own(authorizer, 'tenantId');
  const sub = own(authorizer, 'sub');
  if (typeof tenantId !== 'string' || !patterns.tenantId.test(tenantId)) {
    throw new AuthorizerContextError('tenantId');
  }
  if (typeof sub !== 'string' || !patterns.sub.test(sub)) throw new AuthorizerContextError('sub');
  return { tenantId, sub, groups: groupsOf(own(authorizer, 'groups')) };
}
