import { matchRoute, resourcePaths } from '@cognito-tenancy/local-stack/gateway/route-match';
import { ROUTES, type Route } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';

describe('matchRoute over the registry route table', () => {
  it('selects the public discovery routes by exact path and method', () => {
    const config = matchRoute(ROUTES, 'GET', '/config');
    const match = matchRoute(ROUTES, 'POST', '/tenant-match');
    expect(config.kind === 'route' && config.route.target).toEqual({ lambda: 'config-resolver' });
    expect(match.kind === 'route' && match.route.target).toEqual({ lambda: 'tenant-match' });
  });

  it('sends every other path and method through the authorizer-protected proxy', () => {
    const hit = matchRoute(ROUTES, 'DELETE', '/tenants/acme/items/3');
    expect(hit.kind).toBe('route');
    if (hit.kind !== 'route') return;
    expect(hit.route.auth).toBe('authorizer');
    expect(hit.pathParameters).toEqual({ proxy: 'tenants/acme/items/3' });
  });

  it('does not fall back to the proxy for an undefined method on a public resource', () => {
    // API Gateway picks the resource first: POST /config is not the proxy, it is no route.
    expect(matchRoute(ROUTES, 'POST', '/config').kind).toBe('no-route');
    expect(matchRoute(ROUTES, 'GET', '/tenant-match').kind).toBe('no-route');
  });

  it('serves the sign-out route behind the authorizer, with the sub as a path parameter', () => {
    const sub = '0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const hit = matchRoute(ROUTES, 'POST', `/admin/users/${sub}/sign-out`);
    expect(hit.kind).toBe('route');
    if (hit.kind !== 'route') return;
    expect(hit.route).toMatchObject({ auth: 'authorizer', target: { lambda: 'sign-out' } });
    expect(hit.pathParameters).toEqual({ sub });
    expect(matchRoute(ROUTES, 'GET', `/admin/users/${sub}/sign-out`).kind).toBe('no-route');
  });

  it('answers the resources a nested route creates as API Gateway does: no methods, no fallback', () => {
    for (const path of ['/admin', '/admin/users', '/admin/users/x']) {
      expect(matchRoute(ROUTES, 'GET', path).kind).toBe('no-route');
    }
    // Beside them, the proxy still takes everything else.
    const other = matchRoute(ROUTES, 'GET', '/admin/reports');
    expect(other.kind === 'route' && other.route.target).toEqual({ service: true });
    expect(resourcePaths(ROUTES)).toEqual(
      expect.arrayContaining(['/admin', '/admin/users', '/admin/users/{sub}', '/admin/users/{sub}/sign-out']),
    );
  });

  it('does not match the root with the greedy proxy', () => {
    expect(matchRoute(ROUTES, 'GET', '/').kind).toBe('no-route');
  });

  it('prefers literal segments over path parameters', () => {
    const routes: Route[] = [
      { method: 'GET', path: '/items/{id}', auth: 'authorizer', target: { service: true } },
      { method: 'GET', path: '/items/mine', auth: 'public', target: { lambda: 'config-resolver' } },
    ];
    const hit = matchRoute(routes, 'GET', '/items/mine');
    expect(hit.kind === 'route' && hit.route.auth).toBe('public');
    const param = matchRoute(routes, 'GET', '/items/42');
    expect(param.kind === 'route' && param.pathParameters).toEqual({ id: '42' });
  });
});

describe('proxy events from hostile header and query names', () => {
  it('keeps __proto__ and constructor as plain keys of headers and query maps', async () => {
    const { proxyEvent } = await import('@cognito-tenancy/local-stack/gateway/proxy-event');
    const { gatewayRequest } = await import('./fixtures');
    const api = { region: 'local', accountId: '000000000000', apiId: 'localapi', stage: 'local' };
    const event = proxyEvent(
      api,
      gatewayRequest({
        rawHeaders: ['__proto__', 'a', 'constructor', 'b'],
        rawQuery: '__proto__=1&constructor=2',
      }),
      '/config',
      {},
    );
    const json = JSON.parse(JSON.stringify(event)) as Record<string, Record<string, unknown>>;
    expect(json.multiValueHeaders).toEqual(JSON.parse('{"__proto__":["a"],"constructor":["b"]}'));
    expect(json.queryStringParameters).toEqual(JSON.parse('{"__proto__":"1","constructor":"2"}'));
  });
});
