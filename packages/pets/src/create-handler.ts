/**
 * The handler factory: the kit's middy skeleton around the pets rules. All I/O is passed in,
 * so tests use fakes and `handler.ts` wires the real clients.
 *
 * Order of checks: route and input (no I/O) -> caller from the authorizer context ->
 * for writes, the tenant's admin group -> the pets table, keyed by the caller's tenant.
 */
import { randomUUID } from 'node:crypto';
import { corsAllowed, corsHeaders } from '@cognito-tenancy/kit/cors';
import { annotate } from '@cognito-tenancy/kit/handler-middlewares';
import { respond, respondJson } from '@cognito-tenancy/kit/http-response';
import { type KitHandler, lambdaHandler } from '@cognito-tenancy/kit/lambda-handler';
import type { Log } from '@cognito-tenancy/kit/log';
import { withOutcome } from '@cognito-tenancy/kit/outcome';
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { type Config, callTimeoutMs } from './config';
import { classifier, NotFoundError } from './errors';
import { assertCanWrite, parseNewPet, routeOf } from './pet-rules';
import type { PetsStore } from './pets-store';
import { readCaller, readJsonBody, readRequest } from './request';
import { PREFLIGHT_HEADERS, type ProxyResponse } from './response';
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

/** The Lambda handler (a middy handler): takes a REST API v1 proxy event, never throws. */
export type PetsHandler = KitHandler<ProxyResponse>;

/** Builds the handler and its tenant cache (one per execution environment). */
export function createHandler(deps: HandlerDeps): PetsHandler {
  const { config, pets } = deps;
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

  return lambdaHandler({
    service: 'pets',
    logger: deps.logger,
    adapt: readRequest,
    run: async (request, context) => {
      const cors = corsHeaders(config.corsAllowedOrigins, request.origin);
      const route = routeOf(request.method, request.path);
      if (route.kind === 'preflight') {
        const allowed = corsAllowed(cors);
        return withOutcome(respond(204, '', allowed ? { ...cors, ...PREFLIGHT_HEADERS } : cors), {
          reason: allowed ? 'preflight' : 'preflight-origin-refused',
        });
      }
      const caller = readCaller(request);
      annotate(context, { tenantId: caller.tenantId, sub: caller.sub });
      switch (route.kind) {
        case 'list': {
          const list = await pets.list(caller.tenantId, config.listLimit);
          return withOutcome(respondJson(200, { pets: list.pets, truncated: list.truncated }, cors), {
            reason: 'listed',
            fields: { count: list.pets.length },
          });
        }
        case 'get': {
          const pet = await pets.get(caller.tenantId, route.petId);
          if (pet === undefined) throw new NotFoundError('pet-not-found');
          return withOutcome(respondJson(200, pet, cors), { reason: 'read', fields: { petId: pet.id } });
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
          return withOutcome(respondJson(201, pet, { ...cors, location: `/pets/${pet.id}` }), {
            reason: 'created',
            fields: { petId: pet.id },
          });
        }
      }
    },
    classify: classifier(config.corsAllowedOrigins),
  });
}
