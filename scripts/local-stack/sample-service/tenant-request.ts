/**
 * The caller as the sample service sees it: only the tenant context headers the gateway
 * set from its authorizer (see `TENANT_CONTEXT` in the registry). The service never reads
 * a token, and refuses a request whose context is missing or malformed (fail closed).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { TENANT_ID } from '@cognito-tenancy/registry/identifiers';
import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';

export interface Caller {
  readonly tenantId: string;
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
  readonly tokenUse: string;
  readonly clientId: string;
}

export type CallerResult =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly reason: string };

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseGroups(raw: string): string[] | undefined {
  try {
    const value = JSON.parse(raw) as unknown;
    if (Array.isArray(value) && value.every((g) => typeof g === 'string')) return value as string[];
  } catch {
    // Falls through: malformed groups are no groups, and the request is refused.
  }
  return undefined;
}

/** Reads the caller from the gateway's headers. */
export function readCaller(headers: IncomingHttpHeaders): CallerResult {
  const tenantId = single(headers, TENANT_CONTEXT.tenantId);
  const sub = single(headers, TENANT_CONTEXT.sub);
  const username = single(headers, TENANT_CONTEXT.username);
  const rawGroups = single(headers, TENANT_CONTEXT.groups);
  const tokenUse = single(headers, TENANT_CONTEXT.tokenUse);
  const clientId = single(headers, TENANT_CONTEXT.clientId);
  if (!tenantId || !sub || !username || !rawGroups || !tokenUse || !clientId) {
    return { ok: false, reason: 'missing-tenant-context' };
  }
  if (!TENANT_ID.test(tenantId)) return { ok: false, reason: 'invalid-tenant' };
  const groups = parseGroups(rawGroups);
  if (groups === undefined) return { ok: false, reason: 'invalid-groups' };
  return { ok: true, caller: { tenantId, sub, username, groups, tokenUse, clientId } };
}
