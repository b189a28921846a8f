import { casesFor, configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe, expect } from '@jest/globals';
import { type Config, loadConfig, lookupTimeoutMs } from '../../src/config';

const refusedOrigins = [
  '*',
  'https://app.example.com/path',
  'app.example.com',
  'ftp://app.example.com',
  'https://app.example.com:443',
  'null',
];

describe('loadConfig', () => {
  configCases<Config>(
    loadConfig,
    { TENANT_TABLE_NAME: 'tenants' },
    {
      'applies the documented defaults when only the table name is set': {
        env: { TENANT_TABLE_NAME: 'tenants-dev' },
        returns: {
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
        },
      },
      'reads every variable': {
        env: {
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
        },
        includes: {
          tableName: 'tenants.prod_1',
          corsAllowedOrigins: [
            'https://app.example.com',
            'http://localhost:5173',
            'https://eu.app.example.com',
          ],
          cache: {
            ttlMs: 10_000,
            negativeTtlMs: 0,
            staleIfErrorMs: 20_000,
            maxEntries: 5,
            maxConcurrentLoads: 3,
          },
          dynamodb: { requestTimeoutMs: 700, connectionTimeoutMs: 200, maxAttempts: 3 },
        },
        check: (config) => expect(lookupTimeoutMs(config)).toBe(2700),
      },
      'reports every problem at once': {
        env: {
          TENANT_TABLE_NAME: undefined,
          CACHE_TTL_SECONDS: '-1',
          CACHE_MAX_ENTRIES: '1.5',
          DYNAMODB_MAX_ATTEMPTS: '99',
          DYNAMODB_REQUEST_TIMEOUT_MS: 'soon',
        },
        problems: [
          'TENANT_TABLE_NAME is required (a DynamoDB table name)',
          'CACHE_TTL_SECONDS must be an integer from 0 to 86400',
          'CACHE_MAX_ENTRIES must be an integer from 1 to 1000000',
          'DYNAMODB_REQUEST_TIMEOUT_MS must be an integer from 50 to 30000',
          'DYNAMODB_MAX_ATTEMPTS must be an integer from 1 to 5',
        ],
      },
      'refuses a table name that is not a DynamoDB table name': {
        env: { TENANT_TABLE_NAME: 'arn:aws:dynamodb:eu-west-1:1:table/x' },
        problems: ['TENANT_TABLE_NAME must be a DynamoDB table name'],
      },
      ...casesFor(
        refusedOrigins,
        (origin) => `refuses ${origin} as a CORS origin`,
        (origin) => ({
          env: { CORS_ALLOWED_ORIGINS: origin },
          problems: [
            new RegExp(
              `^CORS_ALLOWED_ORIGINS: '${origin.replace(/[.*/]/g, '\\$&')}' is not (an origin|allowed)`,
            ),
          ],
        }),
      ),
      'treats empty values as unset': {
        env: { CACHE_TTL_SECONDS: ' ', CORS_ALLOWED_ORIGINS: ' , ' },
        check: (config) => {
          expect(config.cache.ttlMs).toBe(300_000);
          expect(config.corsAllowedOrigins).toEqual([]);
        },
      },
    },
  );
});
