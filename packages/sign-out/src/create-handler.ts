/**
 * The handler factory: adapts the event, runs the rules and maps every outcome in one
 * place. All I/O is passed in, so tests use fakes and `handler.ts` wires the real clients.
 */
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { type Config, callTimeoutMs } from './config';
import { errorOutcome, ForbiddenError, MethodNotAllowedError, UserNotFoundError } from './errors';
import type { Log } from './log';
import { type Caller, readCaller, readRequest, readTargetSub } from './request';
import { corsHeaders, type ProxyResponse, respond, type SignedOutBody } from './response';
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

/** The Lambda handler: takes a REST API v1 proxy event, never throws. */
export type SignOutHandler = (event: unknown) => Promise<ProxyResponse>;

const MESSAGE = 'sign-out';

type Level = 'info' | 'warn' | 'error';

/** Logging must never change the answer: a failing logger is ignored. */
function log(logger: Log, level: Level, fields: Record<string, unknown>): void {
  try {
    logger[level](MESSAGE, fields);
  } catch {
    // Nothing sensible to do; the answer stands.
  }
}

function levelOf(error: unknown, status: number): Level {
  if (status >= 500) return 'error';
  // Someone tried to administer without the right: worth a warning in the audit trail.
  if (error instanceof ForbiddenError || error instanceof UserNotFoundError) return 'warn';
  return 'info';
}

/** Builds the handler and its tenant cache (one per execution environment). */
export function createHandler(deps: HandlerDeps): SignOutHandler {
  const { config, logger } = deps;
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

  return async (event) => {
    let cors: Record<string, string> = {};
    let caller: Caller | undefined;
    let targetSub: string | undefined;
    try {
      const request = readRequest(event);
      cors = corsHeaders(config.corsAllowedOrigins, request.origin);
      if (request.method !== 'POST') throw new MethodNotAllowedError();
      caller = readCaller(request);
      targetSub = readTargetSub(request);
      const result = await signOutUser(caller, targetSub, ports, settings);
      // The audit line: who signed whom out, in which tenant, from when.
      log(logger, 'info', {
        reason: 'signed-out',
        status: 200,
        tenantId: result.tenantId,
        userPoolId: result.userPoolId,
        actorSub: caller.sub,
        targetSub,
        revokedBefore: result.revokedBefore,
        writes: result.writes,
      });
      const body: SignedOutBody = { sub: targetSub, revokedBefore: result.revokedBefore };
      return respond(200, JSON.stringify(body), cors);
    } catch (error) {
      const outcome = errorOutcome(error);
      const cause = error instanceof Error ? error.cause : undefined;
      log(logger, levelOf(error, outcome.statusCode), {
        reason: outcome.reason,
        status: outcome.statusCode,
        ...(caller ? { tenantId: caller.tenantId, actorSub: caller.sub } : {}),
        ...(targetSub ? { targetSub } : {}),
        // Class names only: SDK messages are not needed to tell what failed.
        ...(outcome.statusCode >= 500 && error instanceof Error ? { errorName: error.name } : {}),
        ...(outcome.statusCode >= 500 && cause instanceof Error ? { causeName: cause.name } : {}),
      });
      return respond(outcome.statusCode, outcome.body, { ...cors, ...outcome.extraHeaders });
    }
  };
}
