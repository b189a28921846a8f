/**
 * A sample service behind the gateway's `/{proxy+}`: a per-tenant list that everyone in
 * the tenant can read and only the tenant's admin group can change. It decides from the
 * gateway's tenant context headers alone and only ever touches the caller's own tenant.
 *
 *   GET  /whoami                   the caller as the gateway described it
 *   GET  /items                    the caller's tenant's list
 *   GET  /tenants/<id>/items       the same, and 403 when <id> is another tenant
 *   POST /items {"text": "..."}    add an item: the tenant's admin group only
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GATEWAY_SECRET_HEADER } from '../gateway/tenant-headers';
import { BodyTooLargeError, readBody, sendJson } from '../http-io';
import type { ItemsStore } from './items-store';
import { type Caller, readCaller } from './tenant-request';

export interface SampleServiceOptions {
  readonly store: ItemsStore;
  /** The admin group of each tenant (`groups.admin` in the environment file). */
  readonly adminGroups: Readonly<Record<string, string>>;
  /** When set, requests without this value in the gateway secret header are refused. */
  readonly gatewaySecret?: string;
}

const MAX_TEXT = 200;

function sameSecret(expected: string, got: unknown): boolean {
  if (typeof got !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isAdmin(caller: Caller, adminGroups: Readonly<Record<string, string>>): boolean {
  const group = Object.hasOwn(adminGroups, caller.tenantId) ? adminGroups[caller.tenantId] : undefined;
  return group !== undefined && caller.groups.includes(group);
}

function parseText(body: Buffer): string | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    const text = typeof value === 'object' && value !== null ? (value as { text?: unknown }).text : undefined;
    if (typeof text !== 'string') return undefined;
    const trimmed = text.trim();
    return trimmed.length > 0 && trimmed.length <= MAX_TEXT ? trimmed : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the sample service's HTTP server (not listening yet). */
export function createSampleService(options: SampleServiceOptions): Server {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (
      options.gatewaySecret !== undefined &&
      !sameSecret(options.gatewaySecret, req.headers[GATEWAY_SECRET_HEADER])
    ) {
      sendJson(res, 403, { message: 'requests must come through the gateway' });
      return;
    }
    const read = readCaller(req.headers);
    if (!read.ok) {
      sendJson(res, 401, { message: 'no valid tenant context', reason: read.reason });
      return;
    }
    const caller = read.caller;
    const admin = isAdmin(caller, options.adminGroups);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const listing = () => ({
      tenantId: caller.tenantId,
      user: { sub: caller.sub, username: caller.username, groups: caller.groups },
      isAdmin: admin,
      items: options.store.list(caller.tenantId),
    });
    const tenantPath = /^\/tenants\/([^/]+)\/items$/.exec(path);
    if (method === 'GET' && path === '/whoami') {
      sendJson(res, 200, { ...caller, isAdmin: admin });
    } else if (method === 'GET' && path === '/items') {
      sendJson(res, 200, listing());
    } else if (method === 'GET' && tenantPath) {
      // Tenant isolation: the tenant in a path is only ever the caller's own.
      if (tenantPath[1] !== caller.tenantId) sendJson(res, 403, { message: "another tenant's data" });
      else sendJson(res, 200, listing());
    } else if (method === 'POST' && path === '/items') {
      if (!admin) {
        sendJson(res, 403, { message: "only the tenant's administrators can change the list" });
        return;
      }
      const text = parseText(await readBody(req, 4096));
      if (text === undefined) {
        sendJson(res, 400, { message: `body must be {"text": "<1-${MAX_TEXT} characters>"}` });
        return;
      }
      sendJson(res, 201, { item: options.store.add(caller.tenantId, text, caller.username) });
    } else {
      sendJson(res, 404, { message: 'not found' });
    }
  }
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else if (error instanceof BodyTooLargeError) sendJson(res, 413, { message: 'body too large' });
      else sendJson(res, 500, { message: 'internal error' });
    });
  });
}
