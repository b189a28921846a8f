/**
 * Lambda entry point: configuration is read and validated once, at cold start, so a
 * misconfigured function fails at once instead of on some later sign-in.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createDomainCache, createDynamoDbClient, createTenantCache } from './aws-clients';
import { loadConfig } from './config';
import { createHandler } from './create-handler';
import { createDomainLookup } from './domain-store';
import { createTenantLookup } from './tenant-store';

const config = loadConfig(process.env);
const client = createDynamoDbClient(config);

/** Cognito Pre Token Generation trigger (V1 and V2 events). */
export const handler = createHandler({
  config,
  lookup: createTenantLookup({ client, tableName: config.tenantTableName, cache: createTenantCache(config) }),
  domainLookup: createDomainLookup({
    client,
    tableName: config.tenantTableName,
    cache: createDomainCache(config),
  }),
  logger: new Logger({ serviceName: 'pre-token-gen' }),
});
