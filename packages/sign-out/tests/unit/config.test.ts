import { casesFor, configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe, expect } from '@jest/globals';
import { type Config, callTimeoutMs, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  configCases<Config>(
    loadConfig,
    { TENANT_TABLE_NAME: 'ct-dev-tenants', REVOCATION_TABLE_NAME: 'ct-dev-revocations' },
    {
      'takes the documented defaults': {
        env: {},
        returns: {
          tenantTableName: 'ct-dev-tenants',
          revocationTableName: 'ct-dev-revocations',
          revocationTtlSeconds: 90_000,
          clockSkewSeconds: 1,
          corsAllowedOrigins: [],
          tenantCache: { ttlMs: 60_000, negativeTtlMs: 60_000, staleIfErrorMs: 300_000 },
          aws: { requestTimeoutMs: 2000, connectionTimeoutMs: 1000, maxAttempts: 2 },
        },
      },
      'reads every variable': {
        env: {
          REVOCATION_TTL_SECONDS: '7500',
          CLOCK_SKEW_SECONDS: '0',
          CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:4000',
          TENANT_CACHE_TTL_SECONDS: '5',
          TENANT_CACHE_NEGATIVE_TTL_SECONDS: '6',
          TENANT_CACHE_STALE_IF_ERROR_SECONDS: '0',
          AWS_REQUEST_TIMEOUT_MS: '800',
          AWS_CONNECTION_TIMEOUT_MS: '300',
          AWS_MAX_ATTEMPTS: '3',
        },
        includes: {
          revocationTtlSeconds: 7500,
          clockSkewSeconds: 0,
          corsAllowedOrigins: ['https://app.example.com', 'http://localhost:4000'],
          tenantCache: { ttlMs: 5000, negativeTtlMs: 6000, staleIfErrorMs: 0 },
          aws: { requestTimeoutMs: 800, connectionTimeoutMs: 300, maxAttempts: 3 },
        },
        check: (config) => expect(callTimeoutMs(config)).toBe(3 * 1100),
      },
      'reports every problem at once': {
        env: {
          TENANT_TABLE_NAME: undefined,
          REVOCATION_TABLE_NAME: 'x',
          REVOCATION_TTL_SECONDS: '10',
          CLOCK_SKEW_SECONDS: '-1',
          AWS_MAX_ATTEMPTS: '9',
          CORS_ALLOWED_ORIGINS: '*,https://app.example.com/path',
        },
        problems: [
          'TENANT_TABLE_NAME is required (a DynamoDB table name)',
          'REVOCATION_TABLE_NAME must be a DynamoDB table name',
          'REVOCATION_TTL_SECONDS must be an integer from 300 to 604800',
          'CLOCK_SKEW_SECONDS must be an integer from 0 to 30',
          "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
          "CORS_ALLOWED_ORIGINS: 'https://app.example.com/path' is not an origin (https://host[:port], no path; http only for localhost)",
          'AWS_MAX_ATTEMPTS must be an integer from 1 to 3',
        ],
        message: /^sign-out configuration: TENANT_TABLE_NAME/,
      },
      ...casesFor(
        ['1.5', '1e3', '0x10', '12abc'],
        (raw) => `refuses ${JSON.stringify(raw)} as an integer`,
        (raw) => ({
          env: { CLOCK_SKEW_SECONDS: raw },
          problems: ['CLOCK_SKEW_SECONDS must be an integer from 0 to 30'],
        }),
      ),
      'takes the default for a blank integer': {
        env: { CLOCK_SKEW_SECONDS: ' ' },
        includes: { clockSkewSeconds: 1 },
      },
    },
  );
});
