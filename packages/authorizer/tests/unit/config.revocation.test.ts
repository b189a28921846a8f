/** The forced sign-out settings of loadConfig (kept apart from config.test.ts, which covers the rest). */
import { configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe } from '@jest/globals';
import { type AuthorizerConfig, loadConfig } from '../../src/config';

describe('loadConfig: revocation', () => {
  configCases<AuthorizerConfig>(
    loadConfig,
    { REGISTRY_PREFIX: '/cognito-tenancy/dev' },
    {
      'is off unless REVOCATION_TABLE_NAME is set': { env: {}, includes: { revocation: undefined } },
      'is off when REVOCATION_TABLE_NAME is empty': {
        env: { REVOCATION_TABLE_NAME: '' },
        includes: { revocation: undefined },
      },
      'applies the documented defaults': {
        env: { REVOCATION_TABLE_NAME: 'ct-dev-revocations' },
        includes: {
          revocation: {
            tableName: 'ct-dev-revocations',
            cacheTtlSeconds: 30,
            staleIfErrorSeconds: 60,
            timeoutMs: 500,
          },
        },
      },
      'reads every variable': {
        env: {
          REVOCATION_TABLE_NAME: 'revocations',
          REVOCATION_CACHE_TTL_SECONDS: '0',
          REVOCATION_STALE_IF_ERROR_SECONDS: '0',
          REVOCATION_TIMEOUT_MS: '250',
        },
        includes: {
          revocation: {
            tableName: 'revocations',
            cacheTtlSeconds: 0,
            staleIfErrorSeconds: 0,
            timeoutMs: 250,
          },
        },
      },
      'refuses bad values, all at once': {
        env: {
          REVOCATION_TABLE_NAME: 'a/b',
          REVOCATION_CACHE_TTL_SECONDS: '301',
          REVOCATION_STALE_IF_ERROR_SECONDS: 'x',
          REVOCATION_TIMEOUT_MS: '10',
        },
        problems: [
          'REVOCATION_TABLE_NAME must be a DynamoDB table name',
          'REVOCATION_CACHE_TTL_SECONDS must be an integer from 0 to 300',
          'REVOCATION_STALE_IF_ERROR_SECONDS must be an integer from 0 to 3600',
          'REVOCATION_TIMEOUT_MS must be an integer from 50 to 5000',
        ],
      },
      'refuses revocation settings without a table, rather than silently ignoring them': {
        env: { REVOCATION_CACHE_TTL_SECONDS: '5', REVOCATION_TIMEOUT_MS: '100' },
        problems: ['REVOCATION_CACHE_TTL_SECONDS, REVOCATION_TIMEOUT_MS set without REVOCATION_TABLE_NAME'],
      },
    },
  );
});
