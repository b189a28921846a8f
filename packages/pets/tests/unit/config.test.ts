import { describe, expect, it } from '@jest/globals';
import { ConfigError, callTimeoutMs, loadConfig } from '../../src/config';

const required = { TENANT_TABLE_NAME: 'ct-dev-tenants', PETS_TABLE_NAME: 'ct-dev-pets' };

describe('loadConfig', () => {
  it('reads the tables and fills defaults', () => {
    const config = loadConfig(required);

    expect(config).toMatchObject({
      tenantTableName: 'ct-dev-tenants',
      petsTableName: 'ct-dev-pets',
      corsAllowedOrigins: [],
      listLimit: 100,
      tenantCache: { ttlMs: 60_000, negativeTtlMs: 60_000, staleIfErrorMs: 300_000 },
      aws: { requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 },
    });
    expect(callTimeoutMs(config)).toBe(3000);
  });

  it('reads origins and limits', () => {
    const config = loadConfig({
      ...required,
      CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
      PETS_LIST_LIMIT: '25',
    });

    expect(config.corsAllowedOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.listLimit).toBe(25);
  });

  it('reports every bad variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({
        PETS_TABLE_NAME: 'a b',
        CORS_ALLOWED_ORIGINS: '*,https://app.example.com/path',
        PETS_LIST_LIMIT: '0',
        AWS_MAX_ATTEMPTS: 'two',
      });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toEqual([
      'TENANT_TABLE_NAME is required (a DynamoDB table name)',
      'PETS_TABLE_NAME must be a DynamoDB table name',
      "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
      "CORS_ALLOWED_ORIGINS: 'https://app.example.com/path' is not an origin (https://host[:port], no path; http only for localhost)",
      'PETS_LIST_LIMIT must be an integer from 1 to 1000',
      'AWS_MAX_ATTEMPTS must be an integer from 1 to 3',
    ]);
  });
});
