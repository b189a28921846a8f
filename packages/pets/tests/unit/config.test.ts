import { configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe, expect } from '@jest/globals';
import { type Config, callTimeoutMs, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  configCases<Config>(
    loadConfig,
    { TENANT_TABLE_NAME: 'ct-dev-tenants', PETS_TABLE_NAME: 'ct-dev-pets' },
    {
      'reads the tables and fills defaults': {
        env: {},
        includes: {
          tenantTableName: 'ct-dev-tenants',
          petsTableName: 'ct-dev-pets',
          corsAllowedOrigins: [],
          listLimit: 100,
          tenantCache: { ttlMs: 60_000, negativeTtlMs: 60_000, staleIfErrorMs: 300_000 },
          aws: { requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 },
        },
        check: (config) => expect(callTimeoutMs(config)).toBe(3000),
      },
      'reads origins and limits': {
        env: {
          CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
          PETS_LIST_LIMIT: '25',
        },
        includes: { corsAllowedOrigins: ['https://app.example.com', 'http://localhost:5173'], listLimit: 25 },
      },
      'reports every bad variable at once, by name': {
        env: {
          TENANT_TABLE_NAME: undefined,
          PETS_TABLE_NAME: 'a b',
          CORS_ALLOWED_ORIGINS: '*,https://app.example.com/path',
          PETS_LIST_LIMIT: '0',
          AWS_MAX_ATTEMPTS: 'two',
        },
        problems: [
          'TENANT_TABLE_NAME is required (a DynamoDB table name)',
          'PETS_TABLE_NAME must be a DynamoDB table name',
          "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
          "CORS_ALLOWED_ORIGINS: 'https://app.example.com/path' is not an origin (https://host[:port], no path; http only for localhost)",
          'PETS_LIST_LIMIT must be an integer from 1 to 1000',
          'AWS_MAX_ATTEMPTS must be an integer from 1 to 3',
        ],
      },
    },
  );
});
