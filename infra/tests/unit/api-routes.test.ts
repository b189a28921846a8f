import { ROUTES, TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import {
  ORIGIN_SECRET_REPLACEMENT,
  planRoute,
  planRoutes,
  routeSourceArn,
  serviceUri,
  tenantHeaderMappings,
} from '../../src/api-routes';
import { ORIGIN_SECRET_HEADER } from '../../src/origin-secret';

describe('route wiring', () => {
  it('maps every tenant context key onto its header from the authorizer context', () => {
    const mappings = tenantHeaderMappings();
    expect(Object.keys(mappings)).toHaveLength(Object.keys(TENANT_CONTEXT).length);
    expect(mappings['integration.request.header.x-tenant-id']).toBe('context.authorizer.tenantId');
    expect(mappings['integration.request.header.x-user-groups']).toBe('context.authorizer.groups');
  });

  it('sets the tenant headers on service routes only', () => {
    for (const planned of planRoutes()) {
      const headers = Object.keys(planned.integrationRequestParameters).filter((k) => k.includes('.header.'));
      expect(headers.length > 0).toBe('service' in planned.route.target);
    }
  });

  it('never forwards the CloudFront origin secret to the service: a static value replaces it', () => {
    const services = planRoutes().filter((planned) => 'service' in planned.route.target);
    expect(services.length).toBeGreaterThan(0);
    for (const planned of services) {
      expect(planned.integrationRequestParameters[`integration.request.header.${ORIGIN_SECRET_HEADER}`]).toBe(
        `'${ORIGIN_SECRET_REPLACEMENT}'`,
      );
    }
  });

  it('passes the greedy path parameter through to the service', () => {
    const proxy = planRoute({
      method: 'ANY',
      path: '/{proxy+}',
      auth: 'authorizer',
      target: { service: true },
    });
    expect(proxy.segments).toEqual(['{proxy+}']);
    expect(proxy.methodRequestParameters).toEqual({ 'method.request.path.proxy': true });
    expect(proxy.integrationRequestParameters['integration.request.path.proxy']).toBe(
      'method.request.path.proxy',
    );
    expect(serviceUri('https://svc.example.com/', proxy.route)).toBe('https://svc.example.com/{proxy}');
  });

  it('names method settings and invoke permissions by method and path', () => {
    const match = planRoutes(ROUTES).find((p) => p.route.path === '/tenant-match')!;
    expect(match.methodSettingsPath).toBe('tenant-match/POST');
    expect(routeSourceArn('arn:x', match.route)).toBe('arn:x/*/POST/tenant-match');
    expect(routeSourceArn('arn:x', { ...match.route, method: 'ANY' })).toBe('arn:x/*/*/tenant-match');
    const signOut = planRoutes(ROUTES).find((p) => p.route.path.endsWith('/sign-out'))!;
    expect(routeSourceArn('arn:x', signOut.route)).toBe('arn:x/*/POST/admin/users/*/sign-out');
    expect(routeSourceArn('arn:x', { ...match.route, method: 'ANY', path: '/{proxy+}' })).toBe('arn:x/*/*/*');
  });
});
