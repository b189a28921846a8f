/**
 * The handler factory: the kit's middy skeleton around sign-out's rules. All I/O is passed
 * in, so tests use fakes and `handler.ts` wires the real clients.
 */
import { corsHeaders } from '@cognito-tenancy/kit/cors';
import { annotate } from '@cognito-tenancy/kit/handler-middlewares';
import { readHttpRequest } from '@cognito-tenancy/kit/http-request';
import { respondJson } from '@cognito-tenancy/kit/http-response';
import { type KitHandler, lambdaHandler } from '@cognito-tenancy/kit/lambda-handler';
import type { Log } from '@cognito-tenancy/kit/log';
import { withOutcome } from '@cognito-tenancy/kit/outcome';
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { type Config, callTimeoutMs } from './config';
import { classifier, MethodNotAllowedError } from './errors';
import { readCaller, readTargetSub } from './request';
import type { ProxyResponse, SignedOutBody } from './response';
import type { RecordRevocation } from './revocation-writer';
import { signOutUser } from './sign-out-user';
import { createTenantLookup, type TenantStoreDeps } from './tenant-store';
import type { FindUsers, GlobalSignOut } from './user-directory';

export interface HandlerDeps {
  readonly config: Config;
  /** Reads the tenant table (GetItem). */
  readonly tenantTable: TenantStoreDeps['client'];
  readonly findUsers: FindUsers;
  readonly globalSignOut: GlobalSignOut;
  readonly recordRevocation: RecordRevocation;
  readonly logger: Log;
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
}

/** The Lambda handler (a middy handler): takes a REST API v1 proxy event, never throws. */
export type SignOutHandler = KitHandler<ProxyResponse>;

/** Builds the handler and its tenant cache (one per execution environment). */
export function createHandler(deps: HandlerDeps): SignOutHandler {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const cache = new TtlCache<TenantItem>({
    ...config.tenantCache,
    maxEntries: 5000,
    maxConcurrentLoads: 16,
    loadTimeoutMs: callTimeoutMs(config),
    now,
  });
  const tenant = createTenantLookup({ client: deps.tenantTable, tableName: config.tenantTableName, cache });
  const ports = {
    tenant,
    findUsers: deps.findUsers,
    globalSignOut: deps.globalSignOut,
    recordRevocation: deps.recordRevocation,
    now,
  };
  const settings = {
    revocationTtlSeconds: config.revocationTtlSeconds,
    clockSkewSeconds: config.clockSkewSeconds,
  };

  return lambdaHandler({
    service: 'sign-out',
    logger: deps.logger,
    adapt: readHttpRequest,
    run: async (request, context) => {
      const cors = corsHeaders(config.corsAllowedOrigins, request.origin);
      if (request.method !== 'POST') throw new MethodNotAllowedError();
      const caller = readCaller(request);
      annotate(context, { tenantId: caller.tenantId, actorSub: caller.sub });
      const targetSub = readTargetSub(request);
      annotate(context, { targetSub });
      const result = await signOutUser(caller, targetSub, ports, settings);
      const body: SignedOutBody = { sub: targetSub, revokedBefore: result.revokedBefore };
      // The audit line: who signed whom out, in which tenant, from when.
      return withOutcome(respondJson(200, body, cors), {
        reason: 'signed-out',
        fields: {
          tenantId: result.tenantId,
          userPoolId: result.userPoolId,
          revokedBefore: result.revokedBefore,
          writes: result.writes,
        },
      });
    },
    classify: classifier(config.corsAllowedOrigins),
  });
}
