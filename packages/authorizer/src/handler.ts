/**
 * The Lambda entry point: configuration validated once at cold start (a bad environment
 * fails init, not a request), real clients wired, caches hydrated during init.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';
import { createHandler } from './create-handler';
import { createAuthorizer } from './dependencies';
import { hydrate } from './hydrate';
import { JwksFetcher } from './jwks-fetcher';
import { createSsmClient, SsmParameterStore } from './ssm-store';

const config = loadConfig(process.env);
const logger = new Logger({ serviceName: 'authorizer' });
const parts = createAuthorizer(config, {
  store: new SsmParameterStore(createSsmClient({ timeoutMs: config.ssmTimeoutMs })),
  fetcher: new JwksFetcher({ timeoutMs: config.jwksTimeoutMs }),
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
});
