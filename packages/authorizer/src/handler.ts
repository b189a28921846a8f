/**
 * The Lambda entry point: configuration validated once at cold start (a bad environment
 * fails init, not a request), real clients wired, caches hydrated during init.
 */
import { loadConfig } from './config';
import { createHandler } from './create-handler';
import { createAuthorizer } from './dependencies';
import { hydrate } from './hydrate';
import { createJsonLineLogger } from './json-line-logger';
import { JwksFetcher } from './jwks-fetcher';
import { createRevocationCheck, createRevocationClient, revocationLoadTimeoutMs } from './revocation-store';
import { createSsmClient, SsmParameterStore } from './ssm-store';

const config = loadConfig(process.env);
// A lean JSON line logger instead of Powertools: it runs on every API call (json-line-logger.ts).
const logger = createJsonLineLogger({ service: 'authorizer', level: config.logLevel });
// Forced sign-out: only when the revocations table is configured.
const revocation = config.revocation
  ? createRevocationCheck({
      client: createRevocationClient({ timeoutMs: config.revocation.timeoutMs }),
      tableName: config.revocation.tableName,
      cacheTtlMs: config.revocation.cacheTtlSeconds * 1000,
      staleIfErrorMs: config.revocation.staleIfErrorSeconds * 1000,
      loadTimeoutMs: revocationLoadTimeoutMs(config.revocation.timeoutMs),
    })
  : undefined;
const parts = createAuthorizer(config, {
  store: new SsmParameterStore(createSsmClient({ timeoutMs: config.ssmTimeoutMs })),
  fetcher: new JwksFetcher({ timeoutMs: config.jwksTimeoutMs }),
  ...(revocation ? { revocation } : {}),
});

await hydrate(parts, {
  userPoolIds: config.trustedUserPoolIds,
  localIssuerOrigin: config.localIssuerOrigin,
  timeoutMs: config.hydrationTimeoutMs,
  logger,
});

/** API Gateway REST authorizer (REQUEST or TOKEN). */
export const handler = createHandler({
  authorizer: parts.requests,
  logger,
  policyScope: config.policyScope,
  deadlineMs: config.deadlineMs,
  ...(config.trustedHostHeader === undefined ? {} : { trustedHostHeader: config.trustedHostHeader }),
});
