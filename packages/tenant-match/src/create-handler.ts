/**
 * The handler factory: the kit's middy skeleton around the match. All dependencies are
 * passed in, so tests use fakes and `handler.ts` wires the real ones.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { corsAllowed, corsHeaders } from '@cognito-tenancy/kit/cors';
import { annotate } from '@cognito-tenancy/kit/handler-middlewares';
import { respond } from '@cognito-tenancy/kit/http-response';
import { type KitHandler, lambdaHandler } from '@cognito-tenancy/kit/lambda-handler';
import { withOutcome } from '@cognito-tenancy/kit/outcome';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { type Config, lookupTimeoutMs } from './config';
import { createDomainLookup } from './domain-store';
import { classifier, MethodNotAllowedError, toStoreError } from './errors';
import { domainHash, type Log } from './log-fields';
import { matchTenant } from './match-tenant';
import { readEmail, readRequest, singleHeader } from './request';
import { NOT_FOUND_BODY, PREFLIGHT_HEADERS, type ProxyResponse, tenantBody } from './response';

export interface HandlerDeps {
  readonly config: Config;
  readonly dynamodb: DynamoDBClient;
  readonly logger: Log;
  /** Milliseconds clock for the cache; `Date.now` by default. */
  readonly now?: () => number;
}

/** The Lambda handler (a middy handler): takes a REST API v1 proxy or HTTP API v2 event, never throws. */
export type TenantMatchHandler = KitHandler<ProxyResponse>;

/** Builds the handler and its cache (one per execution environment). */
export function createHandler({ config, dynamodb, logger, now }: HandlerDeps): TenantMatchHandler {
  const cache = new TtlCache<DomainItem>({
    ...config.cache,
    loadTimeoutMs: lookupTimeoutMs(config),
    ...(now ? { now } : {}),
  });
  const lookup = createDomainLookup({ client: dynamodb, tableName: config.tableName, cache });

  return lambdaHandler({
    service: 'tenant-match',
    logger,
    adapt: readRequest,
    run: async (request, context) => {
      const cors = corsHeaders(config.corsAllowedOrigins, singleHeader(request, 'origin'));
      if (request.method === 'OPTIONS') {
        const allowed = corsAllowed(cors);
        return withOutcome(respond(204, '', allowed ? { ...cors, ...PREFLIGHT_HEADERS } : cors), {
          reason: allowed ? 'preflight' : 'preflight-origin-refused',
        });
      }
      if (request.method !== 'POST') throw new MethodNotAllowedError();
      const email = readEmail(request);
      annotate(context, { domainHash: domainHash(email.domain) });
      const result = await matchTenant(email.domain, lookup).catch((error: unknown) => {
        throw toStoreError(error);
      });
      if (!result.found) return withOutcome(respond(404, NOT_FOUND_BODY, cors), { reason: 'unknown-domain' });
      const { item, matchedBy, source } = result;
      return withOutcome(respond(200, tenantBody(item, email), cors), {
        reason: matchedBy === 'exact' ? 'matched' : 'matched-parent',
        fields: { tenantId: item.tenantId, cache: source },
      });
    },
    classify: classifier(config.corsAllowedOrigins),
  });
}
