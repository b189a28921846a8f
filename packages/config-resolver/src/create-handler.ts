import type { SSMClient } from '@aws-sdk/client-ssm';
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
export interface OutcomeLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
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
export interface ProxyResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

/** Takes any event (it is validated, never trusted) and always answers; it never throws. */
export type ConfigHandler = (event: unknown, context?: Context) => Promise<ProxyResult>;

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

  async function answer(event: unknown): Promise<{ outcome: Outcome; origin: string | undefined }> {
    let origin: string | undefined;
    try {
      const request = readRequest(event);
      origin = singleHeader(request, 'origin');
      if (request.method === 'OPTIONS') return { outcome: preflightOutcome(), origin };
      if (request.method !== 'GET') throw new MethodNotAllowedError();
      const resolved = await resolveConfig(rawHost(request, config.trustedHostHeader), resolveDeps);
      return { outcome: resolvedOutcome(resolved, config), origin };
    } catch (failure) {
      return { outcome: outcomeOf(failure, config), origin };
    }
  }

  return async (event, context) => {
    const started = now();
    if (context) logger.addContext?.(context);
    const { outcome, origin } = await answer(event);
    const cors =
      outcome.statusCode === 204
        ? preflightHeaders(config.corsAllowedOrigins, origin)
        : corsHeaders(config.corsAllowedOrigins, origin);
    logger[outcome.level]('config request', {
      reason: outcome.reason,
      outcome: outcome.statusCode,
      latencyMs: now() - started,
      ...(outcome.host === undefined ? {} : { host: outcome.host }),
      ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
    });
    return {
      statusCode: outcome.statusCode,
      headers: { ...BASE_HEADERS, ...outcome.headers, ...cors },
      body: outcome.body,
      isBase64Encoded: false,
    };
  };
}
