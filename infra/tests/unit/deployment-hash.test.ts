import { ROUTES } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { apiShape, deploymentHash, stableJson } from '../../src/deployment-hash';

const base = {
  routes: ROUTES,
  serviceUrl: 'https://service.example.com',
  corsOrigins: ['https://app.example.com'],
  authorizerCacheTtlSeconds: 300,
};

describe('deploymentHash', () => {
  it('is stable under key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(deploymentHash({ a: 1, b: 2 })).toBe(deploymentHash({ b: 2, a: 1 }));
  });

  it('changes when a route is added, removed or re-targeted', () => {
    const before = deploymentHash(apiShape(base));
    expect(deploymentHash(apiShape({ ...base, routes: ROUTES.slice(1) }))).not.toBe(before);
    const retargeted = ROUTES.map((r) => (r.path === '/config' ? { ...r, auth: 'authorizer' as const } : r));
    expect(deploymentHash(apiShape({ ...base, routes: retargeted }))).not.toBe(before);
  });

  it('changes with the service URL, the CORS origins and the authorizer TTL', () => {
    const before = deploymentHash(apiShape(base));
    expect(deploymentHash(apiShape({ ...base, serviceUrl: 'https://other.example.com' }))).not.toBe(before);
    expect(deploymentHash(apiShape({ ...base, corsOrigins: [] }))).not.toBe(before);
    expect(deploymentHash(apiShape({ ...base, authorizerCacheTtlSeconds: 0 }))).not.toBe(before);
    expect(deploymentHash(apiShape({ ...base }))).toBe(before);
  });
});
