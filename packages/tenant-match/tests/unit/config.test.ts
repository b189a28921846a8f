import { configProblems } from '@cognito-tenancy/kit/read-env';
import { describe, expect, it } from '@jest/globals';
import { loadConfig, lookupTimeoutMs } from '../../src/config';

const problemsOf = (env: Record<string, string>) => configProblems(() => loadConfig(env));

describe('loadConfig', () => {
  it('applies the documented defaults when only the table name is set', () => {
    const config = loadConfig({ TENANT_TABLE_NAME: 'tenants-dev' });

    expect(config).toEqual({
      tableName: 'tenants-dev',
      corsAllowedOrigins: [],
      cache: {
        ttlMs: 300_000,
        negativeTtlMs: 60_000,
        staleIfErrorMs: 3_600_000,
        maxEntries: 10_000,
        maxConcurrentLoads: 32,
      },
      dynamodb: { requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      TENANT_TABLE_NAME: ' tenants.prod_1 ',
      CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173,https://EU.App.example.com/',
      CACHE_TTL_SECONDS: '10',
      CACHE_NEGATIVE_TTL_SECONDS: '0',
      CACHE_STALE_IF_ERROR_SECONDS: '20',
      CACHE_MAX_ENTRIES: '5',
      CACHE_MAX_CONCURRENT_LOADS: '3',
      DYNAMODB_REQUEST_TIMEOUT_MS: '700',
      DYNAMODB_CONNECTION_TIMEOUT_MS: '200',
      DYNAMODB_MAX_ATTEMPTS: '3',
    });

    expect(config.tableName).toBe('tenants.prod_1');
    expect(config.corsAllowedOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
      'https://eu.app.example.com',
    ]);
    expect(config.cache).toEqual({
      ttlMs: 10_000,
      negativeTtlMs: 0,
      staleIfErrorMs: 20_000,
      maxEntries: 5,
      maxConcurrentLoads: 3,
    });
    expect(config.dynamodb).toEqual({ requestTimeoutMs: 700, connectionTimeoutMs: 200, maxAttempts: 3 });
    expect(lookupTimeoutMs(config)).toBe(2700);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      CACHE_TTL_SECONDS: '-1',
      CACHE_MAX_ENTRIES: '1.5',
      DYNAMODB_MAX_ATTEMPTS: '99',
      DYNAMODB_REQUEST_TIMEOUT_MS: 'soon',
    });

    expect(problems).toEqual([
      'TENANT_TABLE_NAME is required (a DynamoDB table name)',
      'CACHE_TTL_SECONDS must be an integer from 0 to 86400',
      'CACHE_MAX_ENTRIES must be an integer from 1 to 1000000',
      'DYNAMODB_REQUEST_TIMEOUT_MS must be an integer from 50 to 30000',
      'DYNAMODB_MAX_ATTEMPTS must be an integer from 1 to 5',
    ]);
  });

  it('refuses a table name that is not a DynamoDB table name', () => {
    expect(problemsOf({ TENANT_TABLE_NAME: 'arn:aws:dynamodb:eu-west-1:1:table/x' })).toEqual([
      'TENANT_TABLE_NAME must be a DynamoDB table name',
    ]);
  });

  it.each([
    ['*'],
    ['https://app.example.com/path'],
    ['app.example.com'],
    ['ftp://app.example.com'],
    ['https://app.example.com:443'],
    ['null'],
  ])('refuses %s as a CORS origin', (origin) => {
    const [problem, ...others] = problemsOf({ TENANT_TABLE_NAME: 'tenants', CORS_ALLOWED_ORIGINS: origin });
    expect(others).toEqual([]);
    expect(problem).toMatch(
      new RegExp(`^CORS_ALLOWED_ORIGINS: '${origin.replace(/[.*/]/g, '\\$&')}' is not (an origin|allowed)`),
    );
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({
      TENANT_TABLE_NAME: 'tenants',
      CACHE_TTL_SECONDS: ' ',
      CORS_ALLOWED_ORIGINS: ' , ',
    });

    expect(config.cache.ttlMs).toBe(300_000);
    expect(config.corsAllowedOrigins).toEqual([]);
  });
});
