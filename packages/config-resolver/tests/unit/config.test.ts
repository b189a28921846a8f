import { configProblems } from '@cognito-tenancy/kit/read-env';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config';

const valid = { REGISTRY_PREFIX: '/cognito-tenancy/prod' };

const problemsOf = (env: Record<string, string | undefined>) => configProblems(() => loadConfig(env));

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(valid)).toEqual({
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
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
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
    });
    expect(config).toEqual({
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
    });
  });

  it('treats empty optional variables as unset', () => {
    const config = loadConfig({
      ...valid,
      TRUSTED_HOST_HEADER: ' ',
      CACHE_TTL_SECONDS: '',
      CORS_ALLOWED_ORIGINS: '',
    });
    expect(config.trustedHostHeader).toBeUndefined();
    expect(config.cacheTtlSeconds).toBe(300);
    expect(config.corsAllowedOrigins).toEqual([]);
  });

  it('requires REGISTRY_PREFIX', () => {
    expect(problemsOf({})).toEqual(['REGISTRY_PREFIX is required (for example /cognito-tenancy/prod)']);
  });

  it.each(['cognito-tenancy/prod', '/a/../b', '/a b', '/a/b/c/d/e/f', '/x/'])(
    'refuses the prefix %j',
    (prefix) => {
      expect(problemsOf({ REGISTRY_PREFIX: prefix })).toEqual([
        expect.stringMatching(/^REGISTRY_PREFIX must be/),
      ]);
    },
  );

  it('reports every problem at once', () => {
    const problems = problemsOf({
      TRUSTED_HOST_HEADER: 'forwarded',
      CORS_ALLOWED_ORIGINS: '*',
      CACHE_TTL_SECONDS: '-1',
      SSM_MAX_ATTEMPTS: '10',
      LOOKUP_TIMEOUT_MS: '1e3',
    });
    expect(problems).toEqual([
      'REGISTRY_PREFIX is required (for example /cognito-tenancy/prod)',
      'TRUSTED_HOST_HEADER must be one of host, x-forwarded-host',
      "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
      'CACHE_TTL_SECONDS must be an integer from 0 to 86400',
      'LOOKUP_TIMEOUT_MS must be an integer from 100 to 60000',
      'SSM_MAX_ATTEMPTS must be an integer from 1 to 5',
    ]);
  });

  it.each([
    ['CACHE_MAX_ENTRIES', '0'],
    ['MAX_LOOKUPS_PER_SECOND', '0'],
    ['NEGATIVE_CACHE_TTL_SECONDS', '3601'],
    ['SSM_REQUEST_TIMEOUT_MS', '99'],
    ['MAX_CONCURRENT_LOOKUPS', '1.5'],
    ['STALE_IF_ERROR_SECONDS', '9999999999'],
  ])('refuses %s=%s', (name, value) => {
    expect(problemsOf({ ...valid, [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name} must be`)),
    ]);
  });

  it('names every problem in the error message', () => {
    expect(() => loadConfig({ TRUSTED_HOST_HEADER: 'x' })).toThrow(
      /config-resolver configuration: REGISTRY_PREFIX is required .*; TRUSTED_HOST_HEADER must be/,
    );
  });
});
