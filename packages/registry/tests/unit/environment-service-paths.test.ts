/**
 * `hosting.servicePaths` are CloudFront path patterns sent to the API: a pattern that also
 * matches the SPA's own paths would serve the app from API Gateway (or drop the year-long
 * caching of `/assets/*`), so the schema refuses it and says what to list instead.
 */
import { describe, expect, it } from '@jest/globals';
import { environmentProblems } from '../support/environment-problems';

const file = (servicePaths: unknown) => ({
  environment: 'dev',
  region: 'eu-west-1',
  api: {},
  hosting: { servicePaths },
  tenants: [
    {
      id: 'acme',
      displayName: 'Acme',
      pattern: 'dedicated',
      hosts: ['acme.app.example.com'],
      emailDomains: ['acme.com'],
      idp: { name: 'AcmeOkta', metadataUrl: 'https://acme.okta.example/metadata' },
      pool: { domainPrefix: 'acme-dev' },
    },
  ],
});

const problems = (servicePaths: unknown) => environmentProblems(file(servicePaths));

describe('hosting.servicePaths', () => {
  it.each([
    [['/pets', '/pets/*']],
    [['/orders', '/orders/*', '/v1/*']],
    [['/assetsx/*']],
    [['/callbacks/*']],
    [['/api/report.csv']],
  ])('accepts the service’s own paths %j', (paths) => {
    expect(problems(paths)).toEqual([]);
  });

  it.each([
    ['/*', "matches the SPA's /"],
    ['/', "matches the SPA's /"],
    ['/assets/*', "matches the SPA's /assets/*"],
    ['/assets/app.js', "matches the SPA's /assets/*"],
    ['/a*', "matches the SPA's /app-settings.json"],
    ['/index.html', "matches the SPA's /index.html"],
    ['/index*', "matches the SPA's /index.html"],
    ['/app-settings.json', "matches the SPA's /app-settings.json"],
    ['/callback', "matches the SPA's /callback"],
    ['/callback*', "matches the SPA's /callback"],
    ['/favicon.ico', 'is a file at the root, where the SPA build lives'],
  ])('refuses %s, naming the field, the reason and the fix', (pattern, reason) => {
    const found = problems(['/pets', pattern]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('hosting.servicePaths[1]');
    expect(found[0]).toContain(`'${pattern}' ${reason}`);
    expect(found[0]).toContain("list only the service's own paths, such as /pets and /pets/*");
  });
});
