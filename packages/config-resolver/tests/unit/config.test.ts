import { casesFor, configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe } from '@jest/globals';
import { type Config, loadConfig } from '../../src/config';

const PREFIX_REQUIRED = 'REGISTRY_PREFIX is required (for example /cognito-tenancy/prod)';

const badPrefixes = ['cognito-tenancy/prod', '/a/../b', '/a b', '/a/b/c/d/e/f', '/x/'];
const outOfBounds = [
  ['CACHE_MAX_ENTRIES', '0'],
  ['MAX_LOOKUPS_PER_SECOND', '0'],
  ['NEGATIVE_CACHE_TTL_SECONDS', '3601'],
  ['SSM_REQUEST_TIMEOUT_MS', '99'],
  ['MAX_CONCURRENT_LOOKUPS', '1.5'],
  ['STALE_IF_ERROR_SECONDS', '9999999999'],
] as const;

describe('loadConfig', () => {
  configCases<Config>(
    loadConfig,
    { REGISTRY_PREFIX: '/cognito-tenancy/prod' },
    {
      'applies the documented defaults': {
        env: {},
        returns: {
          registryPrefix: '/cognito-tenancy/prod',
          trustedHostHeader: undefined,
          allowDistributionHosts: false,
          corsAllowedOrigins: [],
          cacheTtlSeconds: 300,
          negativeCacheTtlSeconds: 60,
          staleIfErrorSeconds: 3600,
          cacheMaxEntries: 5000,
          maxConcurrentLookups: 10,
          maxLookupsPerSecond: 10,
          lookupTimeoutMs: 3000,
          ssm: { requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 },
        },
      },
      'reads every variable': {
        env: {
          REGISTRY_PREFIX: '/ct/dev',
          TRUSTED_HOST_HEADER: 'X-Forwarded-Host',
          ALLOW_DISTRIBUTION_HOSTS: 'true',
          CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
          CACHE_TTL_SECONDS: '120',
          NEGATIVE_CACHE_TTL_SECONDS: '0',
          STALE_IF_ERROR_SECONDS: '86400',
          CACHE_MAX_ENTRIES: '100',
          MAX_CONCURRENT_LOOKUPS: '4',
          MAX_LOOKUPS_PER_SECOND: '25',
          LOOKUP_TIMEOUT_MS: '2000',
          SSM_REQUEST_TIMEOUT_MS: '800',
          SSM_CONNECTION_TIMEOUT_MS: '300',
          SSM_MAX_ATTEMPTS: '3',
        },
        returns: {
          registryPrefix: '/ct/dev',
          trustedHostHeader: 'x-forwarded-host',
          allowDistributionHosts: true,
          corsAllowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
          cacheTtlSeconds: 120,
          negativeCacheTtlSeconds: 0,
          staleIfErrorSeconds: 86400,
          cacheMaxEntries: 100,
          maxConcurrentLookups: 4,
          maxLookupsPerSecond: 25,
          lookupTimeoutMs: 2000,
          ssm: { requestTimeoutMs: 800, connectionTimeoutMs: 300, maxAttempts: 3 },
        },
      },
      'treats empty optional variables as unset': {
        env: { TRUSTED_HOST_HEADER: ' ', CACHE_TTL_SECONDS: '', CORS_ALLOWED_ORIGINS: '' },
        includes: { trustedHostHeader: undefined, cacheTtlSeconds: 300, corsAllowedOrigins: [] },
      },
      'requires REGISTRY_PREFIX': { env: { REGISTRY_PREFIX: undefined }, problems: [PREFIX_REQUIRED] },
      ...casesFor(
        badPrefixes,
        (prefix) => `refuses the prefix ${JSON.stringify(prefix)}`,
        (prefix) => ({ env: { REGISTRY_PREFIX: prefix }, problems: [/^REGISTRY_PREFIX must be/] }),
      ),
      'reports every problem at once': {
        env: {
          REGISTRY_PREFIX: undefined,
          TRUSTED_HOST_HEADER: 'forwarded',
          CORS_ALLOWED_ORIGINS: '*',
          CACHE_TTL_SECONDS: '-1',
          SSM_MAX_ATTEMPTS: '10',
          LOOKUP_TIMEOUT_MS: '1e3',
        },
        problems: [
          PREFIX_REQUIRED,
          'TRUSTED_HOST_HEADER must be one of host, x-forwarded-host',
          "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
          'CACHE_TTL_SECONDS must be an integer from 0 to 86400',
          'LOOKUP_TIMEOUT_MS must be an integer from 100 to 60000',
          'SSM_MAX_ATTEMPTS must be an integer from 1 to 5',
        ],
      },
      ...casesFor(
        outOfBounds,
        ([name, value]) => `refuses ${name}=${value}`,
        ([name, value]) => ({ env: { [name]: value }, problems: [new RegExp(`^${name} must be`)] }),
      ),
      'names every problem in the error message': {
        env: { REGISTRY_PREFIX: undefined, TRUSTED_HOST_HEADER: 'x' },
        problems: [PREFIX_REQUIRED, /^TRUSTED_HOST_HEADER must be/],
        message:
          /^config-resolver configuration: REGISTRY_PREFIX is required .*; TRUSTED_HOST_HEADER must be/,
      },
    },
  );
});
