/** The forced sign-out settings of loadConfig (kept apart from config.test.ts, which covers the rest). */
import { configProblems } from '@cognito-tenancy/kit/read-env';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config';

const base = { REGISTRY_PREFIX: '/cognito-tenancy/dev' };

const problemsOf = (env: Record<string, string>) => configProblems(() => loadConfig(env));

describe('loadConfig: revocation', () => {
  it('is off unless REVOCATION_TABLE_NAME is set', () => {
    expect(loadConfig(base).revocation).toBeUndefined();
    expect(loadConfig({ ...base, REVOCATION_TABLE_NAME: '' }).revocation).toBeUndefined();
  });

  it('applies the documented defaults', () => {
    expect(loadConfig({ ...base, REVOCATION_TABLE_NAME: 'ct-dev-revocations' }).revocation).toEqual({
      tableName: 'ct-dev-revocations',
      cacheTtlSeconds: 30,
      staleIfErrorSeconds: 60,
      timeoutMs: 500,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      REVOCATION_TABLE_NAME: 'revocations',
      REVOCATION_CACHE_TTL_SECONDS: '0',
      REVOCATION_STALE_IF_ERROR_SECONDS: '0',
      REVOCATION_TIMEOUT_MS: '250',
    });
    expect(config.revocation).toEqual({
      tableName: 'revocations',
      cacheTtlSeconds: 0,
      staleIfErrorSeconds: 0,
      timeoutMs: 250,
    });
  });

  it('refuses bad values, all at once', () => {
    expect(
      problemsOf({
        ...base,
        REVOCATION_TABLE_NAME: 'a/b',
        REVOCATION_CACHE_TTL_SECONDS: '301',
        REVOCATION_STALE_IF_ERROR_SECONDS: 'x',
        REVOCATION_TIMEOUT_MS: '10',
      }),
    ).toEqual([
      'REVOCATION_TABLE_NAME must be a DynamoDB table name',
      'REVOCATION_CACHE_TTL_SECONDS must be an integer from 0 to 300',
      'REVOCATION_STALE_IF_ERROR_SECONDS must be an integer from 0 to 3600',
      'REVOCATION_TIMEOUT_MS must be an integer from 50 to 5000',
    ]);
  });

  it('refuses revocation settings without a table, rather than silently ignoring them', () => {
    expect(problemsOf({ ...base, REVOCATION_CACHE_TTL_SECONDS: '5', REVOCATION_TIMEOUT_MS: '100' })).toEqual([
      'REVOCATION_CACHE_TTL_SECONDS, REVOCATION_TIMEOUT_MS set without REVOCATION_TABLE_NAME',
    ]);
  });
});
