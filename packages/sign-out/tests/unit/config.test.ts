import { describe, expect, it } from '@jest/globals';
import { ConfigError, callTimeoutMs, loadConfig } from '../../src/config';

const required = { TENANT_TABLE_NAME: 'ct-dev-tenants', REVOCATION_TABLE_NAME: 'ct-dev-revocations' };

describe('loadConfig', () => {
  it('takes the documented defaults', () => {
    expect(loadConfig(required)).toEqual({
      tenantTableName: 'ct-dev-tenants',
      revocationTableName: 'ct-dev-revocations',
      revocationTtlSeconds: 90_000,
      clockSkewSeconds: 1,
      corsAllowedOrigins: [],
      tenantCache: { ttlMs: 60_000, negativeTtlMs: 60_000, staleIfErrorMs: 300_000 },
      aws: { requestTimeoutMs: 2000, connectionTimeoutMs: 1000, maxAttempts: 2 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...required,
      REVOCATION_TTL_SECONDS: '7500',
      CLOCK_SKEW_SECONDS: '0',
      CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:4000',
      TENANT_CACHE_TTL_SECONDS: '5',
      TENANT_CACHE_NEGATIVE_TTL_SECONDS: '6',
      TENANT_CACHE_STALE_IF_ERROR_SECONDS: '0',
      AWS_REQUEST_TIMEOUT_MS: '800',
      AWS_CONNECTION_TIMEOUT_MS: '300',
      AWS_MAX_ATTEMPTS: '3',
    });
    expect(config).toMatchObject({
      revocationTtlSeconds: 7500,
      clockSkewSeconds: 0,
      corsAllowedOrigins: ['https://app.example.com', 'http://localhost:4000'],
      tenantCache: { ttlMs: 5000, negativeTtlMs: 6000, staleIfErrorMs: 0 },
      aws: { requestTimeoutMs: 800, connectionTimeoutMs: 300, maxAttempts: 3 },
    });
    expect(callTimeoutMs(config)).toBe(3 * 1100);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        REVOCATION_TABLE_NAME: 'x',
        REVOCATION_TTL_SECONDS: '10',
        CLOCK_SKEW_SECONDS: '-1',
        AWS_MAX_ATTEMPTS: '9',
        CORS_ALLOWED_ORIGINS: '*,https://app.example.com/path',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'TENANT_TABLE_NAME is required (a DynamoDB table name)',
      'REVOCATION_TABLE_NAME must be a DynamoDB table name',
      'REVOCATION_TTL_SECONDS must be an integer from 300 to 604800',
      'CLOCK_SKEW_SECONDS must be an integer from 0 to 30',
      "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
      "CORS_ALLOWED_ORIGINS: 'https://app.example.com/path' is not an origin (https://host[:port], no path; http only for localhost)",
      'AWS_MAX_ATTEMPTS must be an integer from 1 to 3',
    ]);
    expect((error as Error).message).toMatch(/^sign-out configuration: TENANT_TABLE_NAME/);
  });

  it.each(['1.5', '1e3', ' ', '0x10', '12abc'])(
    'refuses %j as an integer, or takes the default for blank',
    (raw) => {
      if (raw.trim() === '')
        expect(loadConfig({ ...required, CLOCK_SKEW_SECONDS: raw }).clockSkewSeconds).toBe(1);
      else expect(() => loadConfig({ ...required, CLOCK_SKEW_SECONDS: raw })).toThrow('CLOCK_SKEW_SECONDS');
    },
  );
});
