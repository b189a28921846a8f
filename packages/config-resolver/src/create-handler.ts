/**
 * The handler factory: the kit's middy skeleton around the resolution. `outcome.ts` is the
 * one place where results and errors become answers; the kit writes one log line each.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Classified } from '@cognito-tenancy/kit/handler-middlewares';
import { readHttpRequest } from '@cognito-tenancy/kit/http-request';
import type { ProxyResponse } from '@cognito-tenancy/kit/http-response';
import { type KitHandler, lambdaHandler } from '@cognito-tenancy/kit/lambda-handler';
import type { Log } from '@cognito-tenancy/kit/log';
import { outcomeOf as loggedOutcome, withOutcome } from '@cognito-tenancy/kit/outcome';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import type { Context } from 'aws-lambda';
import type { Config } from './config';
import { corsHeaders, preflightHeaders } from './cors';
import { MethodNotAllowedError } from './errors';
import { createHostLookup } from './host-lookup';
import { type Outcome, outcomeOf, preflightOutcome, resolvedOutcome } from './outcome';
import { rawHost, readRequest, singleHeader } from './request';
import { resolveConfig } from './resolve-config';

/** The subset of Powertools' Logger this function uses (tests pass a recorder). */
export interface OutcomeLogger extends Log {
  addContext?(context: Context): void;
}

export interface HandlerDeps {
  readonly config: Config;
  readonly ssm: SSMClient;
  readonly logger: OutcomeLogger;
  /** Milliseconds clock for the cache, the lookup budget and latency; `Date.now` by default. */
  readonly now?: () => number;
}

/** A proxy result valid for both REST (v1) and HTTP API (v2) integrations. */
export type ProxyResult = ProxyResponse;

/** A middy handler: takes any event (validated, never trusted) and always answers; never throws. */
export type ConfigHandler = KitHandler<ProxyResult>;

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
} as const;

/** Builds the handler around its dependencies; the cache lives as long as the handler. */
export function createHandler(deps: HandlerDeps): ConfigHandler {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const cache = new TtlCache<HostRecord>({
    ttlMs: config.cacheTtlSeconds * 1000,
    negativeTtlMs: config.negativeCacheTtlSeconds * 1000,
    staleIfErrorMs: config.staleIfErrorSeconds * 1000,
    maxEntries: config.cacheMaxEntries,
    maxConcurrentLoads: config.maxConcurrentLookups,
    loadTimeoutMs: config.lookupTimeoutMs,
    now,
  });
  const budget = new TokenBucket(config.maxLookupsPerSecond, now);
  const lookup = createHostLookup({ ssm: deps.ssm, cache, budget });
  const resolveDeps = {
    registryPrefix: config.registryPrefix,
    lookup,
    allowDistributionHosts: config.allowDistributionHosts,
  };

  /** The answer and log outcome for `outcome`, with CORS for the request's origin. */
  function answer(outcome: Outcome, origin: string | undefined): ProxyResult {
    const cors =
      outcome.statusCode === 204
        ? preflightHeaders(config.corsAllowedOrigins, origin)
        : corsHeaders(config.corsAllowedOrigins, origin);
    const response: ProxyResult = {
      statusCode: outcome.statusCode,
      headers: { ...BASE_HEADERS, ...outcome.headers, ...cors },
      body: outcome.body,
      isBase64Encoded: false,
    };
    return withOutcome(response, {
      reason: outcome.reason,
      level: outcome.level,
      fields: {
        // `outcome` is the status under the name dashboards already filter on.
        outcome: outcome.statusCode,
        ...(outcome.host === undefined ? {} : { host: outcome.host }),
        ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
      },
    });
  }

  return lambdaHandler({
    service: 'config request',
    logger,
    now,
    adapt: readRequest,
    run: async (request, context) => {
      if (context.awsRequestId !== undefined) logger.addContext?.(context);
      const origin = singleHeader(request, 'origin');
      if (request.method === 'OPTIONS') return answer(preflightOutcome(), origin);
      if (request.method !== 'GET') throw new MethodNotAllowedError();
      const resolved = await resolveConfig(rawHost(request, config.trustedHostHeader), resolveDeps);
      return answer(resolvedOutcome(resolved, config), origin);
    },
    classify: (failure, event): Classified<ProxyResult> => {
      // The kit's reader never throws, whatever the event (this one may be why we are here).
      const response = answer(outcomeOf(failure, config), readHttpRequest(event).origin);
      // `answer` marked the response already; the kit marks it again with the same outcome.
      return { response, outcome: loggedOutcome(response) ?? { reason: 'internal-error', level: 'error' } };
    },
  });
}
