import { describe, expect, it } from '@jest/globals';
import { createDynamoDbClient, createTenantCache, lookupBudgetMs } from '../../src/aws-clients';
import { testConfig } from './fixtures';

describe('createDynamoDbClient', () => {
  it('allows at most one retry, whatever the overrides say', async () => {
    const client = createDynamoDbClient(testConfig(), { maxAttempts: 10, region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(2);
    client.destroy();
  });
});

describe('lookupBudgetMs', () => {
  it('covers two attempts and the retry backoff, and stays well inside 5 s at the maximum', () => {
    expect(lookupBudgetMs({ dynamodbTimeoutMs: 1000 })).toBe(2250);
    expect(lookupBudgetMs(testConfig({ DYNAMODB_TIMEOUT_MS: '1500' }))).toBeLessThanOrEqual(3250);
  });
});

describe('createTenantCache', () => {
  it('uses the configured TTLs and clock', async () => {
    let now = 0;
    const cache = createTenantCache(testConfig({ CACHE_TTL_SECONDS: '10' }), () => now);
    const item = { tenantId: 'acme', emailDomains: ['acme.com'], groups: { allow: [], prefixes: [] } };
    await cache.get('k', async () => item);
    now = 9_999;
    expect((await cache.get('k', async () => undefined)).source).toBe('hit');
    now = 10_000;
    expect((await cache.get('k', async () => undefined)).source).toBe('load');
  });
});
