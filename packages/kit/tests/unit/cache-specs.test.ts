import { describe, expect, it } from '@jest/globals';
import { awsBoundsOf, awsCallSpecs } from '../../src/aws-client';
import { cacheOf, cacheSpecs } from '../../src/cache-specs';
import { configProblems, readEnv } from '../../src/read-env';

const SPECS = {
  ...cacheSpecs(
    'TENANT_CACHE_',
    'a tenant record',
    { ttl: 60, negativeTtl: 30, staleIfError: 300 },
    { ttl: 3600, negativeTtl: 3600, staleIfError: 86_400 },
  ),
  ...awsCallSpecs({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 }),
};

describe('cacheSpecs and awsBoundsOf', () => {
  it('read the defaults into TTL cache options and SDK bounds', () => {
    const values = readEnv('x', SPECS, {});
    expect(cacheOf(values, 'TENANT_CACHE_')).toEqual({
      ttlMs: 60_000,
      negativeTtlMs: 30_000,
      staleIfErrorMs: 300_000,
    });
    expect(awsBoundsOf(values)).toEqual({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 });
  });

  it('read set values and refuse out-of-bounds ones by name', () => {
    const values = readEnv('x', SPECS, { TENANT_CACHE_TTL_SECONDS: '5', AWS_MAX_ATTEMPTS: '3' });
    expect(cacheOf(values, 'TENANT_CACHE_').ttlMs).toBe(5000);
    expect(awsBoundsOf(values).maxAttempts).toBe(3);
    expect(
      configProblems(() => readEnv('x', SPECS, { TENANT_CACHE_STALE_IF_ERROR_SECONDS: '86401' })),
    ).toEqual(['TENANT_CACHE_STALE_IF_ERROR_SECONDS must be an integer from 0 to 86400']);
    expect(SPECS.TENANT_CACHE_NEGATIVE_TTL_SECONDS.description).toBe(
      'How long the absence of a tenant record is remembered',
    );
  });

  it('configProblems says none when nothing is thrown, and rethrows other errors', () => {
    expect(configProblems(() => readEnv('x', SPECS, {}))).toEqual([]);
    expect(() =>
      configProblems(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
