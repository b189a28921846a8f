import { ROUTES } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { apiPathPatterns, DEFAULT_SERVICE_PATHS } from '../../src/hosting-paths';

describe('apiPathPatterns', () => {
  it('sends every route of the table and the service paths to the API, nothing else', () => {
    expect(apiPathPatterns(DEFAULT_SERVICE_PATHS)).toEqual([
      '/config',
      '/tenant-match',
      '/admin/*',
      '/pets',
      '/pets/*',
    ]);
  });

  it('follows the route table (a new route gets its behaviour)', () => {
    const routes = [
      ...ROUTES,
      { method: 'GET', path: '/reports/{id}', auth: 'authorizer', target: { service: true } } as const,
    ];
    expect(apiPathPatterns(['/api/*'], routes)).toContain('/reports/*');
    expect(apiPathPatterns(['/api/*'], routes)).toContain('/api/*');
  });
});
