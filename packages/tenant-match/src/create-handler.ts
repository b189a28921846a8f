/**
 * The handler factory: adapts the event, runs the rules and maps every outcome. All
 * dependencies are passed in, so tests use fakes and `handler.ts` wires the real ones.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { type Config, lookupTimeoutMs } from './config';
import { createDomainLookup } from './domain-store';
import { errorOutcome, MethodNotAllowedError, toStoreError } from './errors';
import { domainHash, type Log } from './log-fields';
import { matchTenant } from './match-tenant';
import { readEmail, readRequest, singleHeader } from './request';
import {
  corsHeaders,
  NOT_FOUND_BODY,
  PREFLIGHT_HEADERS,
  type ProxyResponse,
  respond,
  tenantBody,
} from './response';

export interface HandlerDeps {
  readonly config: Config;
  readonly dynamodb: DynamoDBClient;
  readonly logger: Log;
  /** Milliseconds clock for the cache; `Date.now` by default. */
  readonly now?: () => number;
}

/** The Lambda handler: takes a REST API v1 proxy or HTTP API v2 event, never throws. */
export type TenantMatchHandler = (event: unknown) => Promise<ProxyResponse>;

const MESSAGE = 'tenant-match';

/** Builds the handler and its cache (one per execution environment). */
export function createHandler({ config, dynamodb, logger, now }: HandlerDeps): TenantMatchHandler {
  const cache = new TtlCache<DomainItem>({
    ...config.cache,
    loadTimeoutMs: lookupTimeoutMs(config),
    ...(now ? { now } : {}),
  });
  const lookup = createDomainLookup({ client: dynamodb, tableName: config.tableName, cache });

  return async (event) => {
    let cors: Record<string, string> = {};
    let logFields: Record<string, unknown> = {};
    try {
      const request = readRequest(event);
      cors = corsHeaders(config.corsAllowedOrigins, singleHeader(request, 'origin'));
      if (request.method === 'OPTIONS') {
        const allowed = 'access-control-allow-origin' in cors;
        logger.info(MESSAGE, { reason: allowed ? 'preflight' : 'preflight-origin-refused', status: 204 });
        return respond(204, '', allowed ? { ...cors, ...PREFLIGHT_HEADERS } : cors);
      }
      if (request.method !== 'POST') throw new MethodNotAllowedError();
      const email = readEmail(request);
      logFields = { domainHash: domainHash(email.domain) };
      const result = await matchTenant(email.domain, lookup).catch((error: unknown) => {
        throw toStoreError(error);
      });
      if (!result.found) {
        logger.info(MESSAGE, { reason: 'unknown-domain', status: 404, ...logFields });
        return respond(404, NOT_FOUND_BODY, cors);
      }
      const { item, matchedBy, source } = result;
      logger.info(MESSAGE, {
        reason: matchedBy === 'exact' ? 'matched' : 'matched-parent',
        status: 200,
        tenantId: item.tenantId,
        cache: source,
        ...logFields,
      });
      return respond(200, tenantBody(item, email), cors);
    } catch (error) {
      const outcome = errorOutcome(error);
      const fields = { reason: outcome.reason, status: outcome.statusCode, ...logFields };
      if (outcome.statusCode >= 500) {
        // Names only: SDK messages and causes are not needed to tell what failed.
        const cause = error instanceof Error ? error.cause : undefined;
        logger.error(MESSAGE, {
          ...fields,
          errorName: error instanceof Error ? error.name : typeof error,
          ...(cause instanceof Error ? { causeName: cause.name } : {}),
        });
      } else {
        logger.info(MESSAGE, fields);
      }
      return respond(outcome.statusCode, outcome.body, { ...cors, ...outcome.extraHeaders });
    }
  };
}
