import { casesFor, configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe, expect } from '@jest/globals';
import { type AuthorizerConfig, loadConfig } from '../../src/config';

const base = { REGISTRY_PREFIX: '/cognito-tenancy/dev' };

const LOCAL_ISSUER_REFUSED =
  'LOCAL_ISSUER_ORIGIN must be a loopback http origin such as http://127.0.0.1:9229';
const TOO_MANY_POOLS = 'TRUSTED_USER_POOL_IDS must list 1 to 100 user pool ids, comma-separated';
const pools = (count: number) => Array.from({ length: count }, (_, i) => `eu-west-1_Pool${i}`).join(',');

const loopbackOrigins = ['http://127.0.0.1:9229', 'http://localhost:9229', 'http://[::1]:9229'];
const refusedOrigins = [
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
];

describe('loadConfig', () => {
  configCases<AuthorizerConfig>(loadConfig, base, {
    'applies the documented defaults': {
      env: {},
      returns: {
        registryPrefix: '/cognito-tenancy/dev',
        acceptedTokenUse: ['access'],
        trustedUserPoolIds: undefined,
        trustedHostHeader: undefined,
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
        revocation: undefined,
      },
    },
    'reads every variable': {
      env: {
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
      },
      includes: {
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
      },
    },
    'accepts ID tokens only when configured': {
      env: { ACCEPTED_TOKEN_USE: 'id' },
      includes: { acceptedTokenUse: ['id'] },
    },
    'reports every problem at once': {
      env: {
        REGISTRY_PREFIX: 'relative/path',
        ACCEPTED_TOKEN_USE: 'refresh',
        TRUSTED_USER_POOL_IDS: 'not a pool',
        ALLOW_UNREGISTERED_HOSTS: 'yes',
        CLOCK_SKEW_SECONDS: '-1',
        DEADLINE_MS: '99999',
        JWKS_TIMEOUT_MS: '1.5',
        POLICY_SCOPE: 'resource',
        LOCAL_ISSUER_ORIGIN: 'https://127.0.0.1:9229',
      },
      problems: [
        'REGISTRY_PREFIX must be an SSM path such as /cognito-tenancy/dev',
        "ACCEPTED_TOKEN_USE must be 'access', 'id' or 'access,id'",
        TOO_MANY_POOLS,
        'ALLOW_UNREGISTERED_HOSTS must be true or false',
        LOCAL_ISSUER_REFUSED,
        'CLOCK_SKEW_SECONDS must be an integer from 0 to 120',
        'JWKS_TIMEOUT_MS must be an integer from 100 to 10000',
        'DEADLINE_MS must be an integer from 100 to 25000',
        'POLICY_SCOPE must be one of stage, method',
      ],
    },
    'requires REGISTRY_PREFIX': {
      env: { REGISTRY_PREFIX: undefined },
      problems: ['REGISTRY_PREFIX is required (an SSM path such as /cognito-tenancy/dev)'],
    },
    'refuses more than 100 trusted pools (the Lambda environment is 4 KB)': {
      env: { TRUSTED_USER_POOL_IDS: pools(101) },
      problems: [TOO_MANY_POOLS],
    },
    'accepts 100 trusted pools': {
      env: { TRUSTED_USER_POOL_IDS: pools(100) },
      check: (config) => expect(config.trustedUserPoolIds).toHaveLength(100),
    },
    ...casesFor(
      loopbackOrigins,
      (origin) => `accepts the loopback origin ${origin} for a local issuer`,
      (origin) => ({ env: { LOCAL_ISSUER_ORIGIN: origin }, includes: { localIssuerOrigin: origin } }),
    ),
    ...casesFor(
      refusedOrigins,
      (origin) => `refuses ${origin} as a local issuer origin`,
      (origin) => ({ env: { LOCAL_ISSUER_ORIGIN: origin }, problems: [LOCAL_ISSUER_REFUSED] }),
    ),
    'refuses a local issuer inside the Lambda runtime': {
      env: { LOCAL_ISSUER_ORIGIN: 'http://127.0.0.1:9229', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' },
      problems: ['LOCAL_ISSUER_ORIGIN is local only and refused in AWS Lambda; remove it'],
    },
    'treats empty values as unset': {
      env: { TRUSTED_USER_POOL_IDS: ' ', LOCAL_ISSUER_ORIGIN: '', CLOCK_SKEW_SECONDS: '' },
      includes: { trustedUserPoolIds: undefined, localIssuerOrigin: undefined, clockSkewSeconds: 5 },
    },
  });
});
