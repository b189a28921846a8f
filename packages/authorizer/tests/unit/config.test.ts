import { configProblems } from '@cognito-tenancy/kit/read-env';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config';

const base = { REGISTRY_PREFIX: '/cognito-tenancy/dev' };

const problemsOf = (env: Record<string, string>) => configProblems(() => loadConfig(env));

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(base)).toEqual({
      registryPrefix: '/cognito-tenancy/dev',
      acceptedTokenUse: ['access'],
      trustedUserPoolIds: undefined,
      allowUnregisteredHosts: false,
      allowedUnregisteredHosts: [],
      localIssuerOrigin: undefined,
      clockSkewSeconds: 5,
      registryTtlSeconds: 300,
      registryNegativeTtlSeconds: 60,
      registryStaleIfErrorSeconds: 900,
      ssmTimeoutMs: 1000,
      logLevel: 'INFO',
      issuerLookupsPerSecond: 5,
      verifiedTokenTtlSeconds: 60,
      verifiedTokenCacheSize: 5000,
      jwksTimeoutMs: 1500,
      jwksCooldownSeconds: 10,
      jwksMaxAgeSeconds: 3600,
      deadlineMs: 3000,
      hydrationTimeoutMs: 2000,
      policyScope: 'stage',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      ACCEPTED_TOKEN_USE: 'access, id',
      TRUSTED_USER_POOL_IDS: 'eu-west-1_Abc, eu-west-1_Def,eu-west-1_Abc',
      ALLOW_UNREGISTERED_HOSTS: 'true',
      LOCAL_ISSUER_ORIGIN: 'http://127.0.0.1:9229',
      CLOCK_SKEW_SECONDS: '0',
      REGISTRY_TTL_SECONDS: '60',
      REGISTRY_NEGATIVE_TTL_SECONDS: '30',
      REGISTRY_STALE_IF_ERROR_SECONDS: '0',
      SSM_TIMEOUT_MS: '500',
      REGISTRY_ISSUER_LOOKUPS_PER_SECOND: '20',
      VERIFIED_TOKEN_TTL_SECONDS: '0',
      VERIFIED_TOKEN_CACHE_SIZE: '10',
      JWKS_TIMEOUT_MS: '800',
      JWKS_COOLDOWN_SECONDS: '30',
      JWKS_MAX_AGE_SECONDS: '600',
      DEADLINE_MS: '2500',
      HYDRATION_TIMEOUT_MS: '1000',
      POLICY_SCOPE: 'method',
    });
    expect(config).toMatchObject({
      acceptedTokenUse: ['access', 'id'],
      trustedUserPoolIds: ['eu-west-1_Abc', 'eu-west-1_Def'],
      allowUnregisteredHosts: true,
      localIssuerOrigin: 'http://127.0.0.1:9229',
      clockSkewSeconds: 0,
      registryTtlSeconds: 60,
      registryNegativeTtlSeconds: 30,
      registryStaleIfErrorSeconds: 0,
      ssmTimeoutMs: 500,
      issuerLookupsPerSecond: 20,
      verifiedTokenTtlSeconds: 0,
      verifiedTokenCacheSize: 10,
      jwksTimeoutMs: 800,
      jwksCooldownSeconds: 30,
      jwksMaxAgeSeconds: 600,
      deadlineMs: 2500,
      hydrationTimeoutMs: 1000,
      policyScope: 'method',
    });
  });

  it('accepts ID tokens only when configured', () => {
    expect(loadConfig({ ...base, ACCEPTED_TOKEN_USE: 'id' }).acceptedTokenUse).toEqual(['id']);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      REGISTRY_PREFIX: 'relative/path',
      ACCEPTED_TOKEN_USE: 'refresh',
      TRUSTED_USER_POOL_IDS: 'not a pool',
      ALLOW_UNREGISTERED_HOSTS: 'yes',
      CLOCK_SKEW_SECONDS: '-1',
      DEADLINE_MS: '99999',
      JWKS_TIMEOUT_MS: '1.5',
      POLICY_SCOPE: 'resource',
      LOCAL_ISSUER_ORIGIN: 'https://127.0.0.1:9229',
    });
    expect(problems).toHaveLength(9);
    expect(problems.join('\n')).toMatch(/REGISTRY_PREFIX/);
    expect(problems.join('\n')).toMatch(/LOCAL_ISSUER_ORIGIN/);
  });

  it('requires REGISTRY_PREFIX', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(problemsOf({})).toEqual([
      'REGISTRY_PREFIX is required (an SSM path such as /cognito-tenancy/dev)',
    ]);
  });

  it('refuses more than 100 trusted pools (the Lambda environment is 4 KB)', () => {
    const ids = Array.from({ length: 101 }, (_, i) => `eu-west-1_Pool${i}`).join(',');
    expect(problemsOf({ ...base, TRUSTED_USER_POOL_IDS: ids })).toHaveLength(1);
    expect(problemsOf({ ...base, TRUSTED_USER_POOL_IDS: ids.split(',').slice(0, 100).join(',') })).toEqual(
      [],
    );
  });

  it.each(['http://127.0.0.1:9229', 'http://localhost:9229', 'http://[::1]:9229'])(
    'accepts the loopback origin %s for a local issuer',
    (origin) => {
      expect(loadConfig({ ...base, LOCAL_ISSUER_ORIGIN: origin }).localIssuerOrigin).toBe(origin);
    },
  );

  it.each([
    'https://127.0.0.1:9229',
    'http://127.0.0.1',
    'http://127.0.0.1:9229/',
    'http://127.0.0.1:9229/local_pool',
    'http://127.0.0.1:70000',
    'http://127.0.0.2:9229',
    'http://10.0.0.1:9229',
    'http://localhost.evil.com:9229',
    'http://user@127.0.0.1:9229',
    'http://cognito-idp.eu-west-1.amazonaws.com:80',
  ])('refuses %s as a local issuer origin', (origin) => {
    expect(problemsOf({ ...base, LOCAL_ISSUER_ORIGIN: origin })).toHaveLength(1);
  });

  it('refuses a local issuer inside the Lambda runtime', () => {
    const problems = problemsOf({
      ...base,
      LOCAL_ISSUER_ORIGIN: 'http://127.0.0.1:9229',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    });
    expect(problems).toEqual(['LOCAL_ISSUER_ORIGIN is local only and refused in AWS Lambda; remove it']);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({
      ...base,
      TRUSTED_USER_POOL_IDS: ' ',
      LOCAL_ISSUER_ORIGIN: '',
      CLOCK_SKEW_SECONDS: '',
    });
    expect(config.trustedUserPoolIds).toBeUndefined();
    expect(config.localIssuerOrigin).toBeUndefined();
    expect(config.clockSkewSeconds).toBe(5);
  });
});
