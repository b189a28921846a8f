/**
 * The handler factory: adapts the event, runs the rules and maps every outcome in one
 * place. All I/O is passed in, so tests use fakes and `handler.ts` wires the real clients.
 *
 * Order of checks: route and input (no I/O) -> caller from the authorizer context ->
 * for writes, the tenant's admin group -> the pets table, keyed by the caller's tenant.
 */
import { randomUUID } from 'node:crypto';
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { type Config, callTimeoutMs } from './config';
import { errorOutcome, ForbiddenError, NotFoundError } from './errors';
import type { Log } from './log';
import { assertCanWrite, parseNewPet, routeOf } from './pet-rules';
import type { PetsStore } from './pets-store';
import { type Caller, readCaller, readJsonBody, readRequest } from './request';
import { corsHeaders, PREFLIGHT_HEADERS, type ProxyResponse, respond } from './response';
import { createTenantLookup, type TenantStoreDeps } from './tenant-store';

export interface HandlerDeps {
  readonly config: Config;
  /** Reads the registry's tenant table (GetItem `TENANT#<id>`). */
  readonly tenantTable: TenantStoreDeps['client'];
  readonly pets: PetsStore;
  readonly logger: Log;
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
  /** New pet ids; `crypto.randomUUID` by default. */
  readonly newId?: () => string;
}

/** The Lambda handler: takes a REST API v1 proxy event, never throws. */
export type PetsHandler = (event: unknown) => Promise<ProxyResponse>;

const MESSAGE = 'pets';

type Level = 'info' | 'warn' | 'error';

/** Logging must never change the answer: a failing logger is ignored. */
function log(logger: Log, level: Level, fields: Record<string, unknown>): void {
  try {
    logger[level](MESSAGE, fields);
  } catch {
    // Nothing sensible to do; the answer stands.
  }
}

/** Builds the handler and its tenant cache (one per execution environment). */
export function createHandler(deps: HandlerDeps): PetsHandler {
  const { config, logger, pets } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const cache = new TtlCache<TenantItem>({
    ...config.tenantCache,
    maxEntries: 5000,
    maxConcurrentLoads: 16,
    loadTimeoutMs: callTimeoutMs(config),
    now,
  });
  const tenant = createTenantLookup({ client: deps.tenantTable, tableName: config.tenantTableName, cache });

  return async (event) => {
    let cors: Record<string, string> = {};
    let caller: Caller | undefined;
    try {
      const request = readRequest(event);
      cors = corsHeaders(config.corsAllowedOrigins, request.origin);
      const route = routeOf(request.method, request.path);
      if (route.kind === 'preflight') {
        const allowed = 'access-control-allow-origin' in cors;
        log(logger, 'info', { reason: allowed ? 'preflight' : 'preflight-origin-refused', status: 204 });
        return respond(204, '', allowed ? { ...cors, ...PREFLIGHT_HEADERS } : cors);
      }
      caller = readCaller(request);
      const who = { tenantId: caller.tenantId, sub: caller.sub };
      switch (route.kind) {
        case 'list': {
          const list = await pets.list(caller.tenantId, config.listLimit);
          log(logger, 'info', { reason: 'listed', status: 200, ...who, count: list.pets.length });
          return respond(200, JSON.stringify({ pets: list.pets, truncated: list.truncated }), cors);
        }
        case 'get': {
          const pet = await pets.get(caller.tenantId, route.petId);
          if (pet === undefined) throw new NotFoundError('pet-not-found');
          log(logger, 'info', { reason: 'read', status: 200, ...who, petId: pet.id });
          return respond(200, JSON.stringify(pet), cors);
        }
        case 'create': {
          // Input first: a malformed body costs no registry read.
          const input = parseNewPet(readJsonBody(request));
          assertCanWrite(caller, await tenant(caller.tenantId));
          const createdAt = new Date(now()).toISOString();
          const pet = await pets.create(caller.tenantId, newId(), input, {
            createdAt,
            createdBy: caller.sub,
          });
          log(logger, 'info', { reason: 'created', status: 201, ...who, petId: pet.id });
          return respond(201, JSON.stringify(pet), { ...cors, location: `/pets/${pet.id}` });
        }
      }
    } catch (error) {
      const outcome = errorOutcome(error);
      const cause = error instanceof Error ? error.cause : undefined;
      const level: Level =
        outcome.statusCode >= 500 ? 'error' : error instanceof ForbiddenError ? 'warn' : 'info';
      log(logger, level, {
        reason: outcome.reason,
        status: outcome.statusCode,
        ...(caller ? { tenantId: caller.tenantId, sub: caller.sub } : {}),
        // Class names only: SDK messages are not needed to tell what failed.
        ...(outcome.statusCode >= 500 && error instanceof Error ? { errorName: error.name } : {}),
        ...(outcome.statusCode >= 500 && cause instanceof Error ? { causeName: cause.name } : {}),
      });
      return respond(outcome.statusCode, outcome.body, { ...cors, ...outcome.extraHeaders });
    }
  };
}
