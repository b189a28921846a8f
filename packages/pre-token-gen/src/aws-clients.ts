/**
 * The DynamoDB client and lookup cache, bounded so the trigger always answers well
 * inside Cognito's 5 s limit: at most one retry, per-attempt timeouts, and a cache load
 * timeout over both attempts. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` for emulators); nothing here overrides it.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { awsClientOptions } from '@cognito-tenancy/kit/aws-client';
import type { DomainItem, TenantClaimsItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import type { Config } from './config';

/** Connecting takes one round trip; more than this means the endpoint is unreachable. */
const MAX_CONNECTION_TIMEOUT_MS = 500;
/** Room for the SDK's retry backoff between the two attempts. */
const RETRY_ALLOWANCE_MS = 250;

/**
 * A DynamoDB client with two attempts at most and per-attempt timeouts. `overrides`
 * exists for tests (an endpoint, credentials); the Lambda passes none.
 */
export function createDynamoDbClient(
  config: Pick<Config, 'dynamodbTimeoutMs'>,
  overrides: DynamoDBClientConfig = {},
): DynamoDBClient {
  return new DynamoDBClient({
    ...overrides,
    ...awsClientOptions({
      maxAttempts: 2,
      requestTimeoutMs: config.dynamodbTimeoutMs,
      connectionTimeoutMs: Math.min(config.dynamodbTimeoutMs, MAX_CONNECTION_TIMEOUT_MS),
    }),
  });
}

/** How long one lookup may take in total (two attempts plus backoff). */
export function lookupBudgetMs(config: Pick<Config, 'dynamodbTimeoutMs'>): number {
  return 2 * config.dynamodbTimeoutMs + RETRY_ALLOWANCE_MS;
}

/** The tenant claims cache. Concurrent loads are bounded: one sign-in never needs more than one key. */
export function createTenantCache(config: Config, now?: () => number): TtlCache<TenantClaimsItem> {
  return new TtlCache<TenantClaimsItem>(cacheOptions(config, now));
}

/** The `DOMAIN#` item cache (subdomain users only; at most 5 keys per sign-in). */
export function createDomainCache(config: Config, now?: () => number): TtlCache<DomainItem> {
  return new TtlCache<DomainItem>(cacheOptions(config, now));
}

function cacheOptions(config: Config, now?: () => number) {
  return {
    ttlMs: config.cacheTtlMs,
    negativeTtlMs: config.negativeCacheTtlMs,
    staleIfErrorMs: config.staleIfErrorMs,
    maxEntries: config.cacheMaxEntries,
    maxConcurrentLoads: 64,
    loadTimeoutMs: lookupBudgetMs(config),
    ...(now ? { now } : {}),
  };
}
