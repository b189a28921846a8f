import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { CORS_ALLOWED_HEADERS, corsOrigins, preflightResponseTemplate } from '../../src/cors';

describe('corsOrigins', () => {
  it('reduces URLs to origins, lower-cased and de-duplicated', () => {
    expect(
      corsOrigins(['https://App.Example.com/', 'https://app.example.com', 'http://localhost:4000/x']),
    ).toEqual(['https://app.example.com', 'http://localhost:4000']);
  });
});

describe('preflightResponseTemplate', () => {
  it('echoes an Origin only when it equals an allowed one', () => {
    const template = preflightResponseTemplate(['https://a.example.com', 'https://b.example.com:8443']);
    expect(template).toContain(
      '#if($origin == "https://a.example.com" || $origin == "https://b.example.com:8443")',
    );
    expect(template).toContain(
      '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
    );
    expect(template).not.toContain('*');
  });

  it('refuses anything that is not a plain origin, so nothing can break out of the template', () => {
    for (const bad of [
      'https://a.example.com" || true || "',
      '*',
      'https://a.example.com/path',
      '#set($x = 1)',
    ]) {
      expect(() => preflightResponseTemplate([bad])).toThrow(/not an origin/);
    }
  });

  it('never lets a browser send the tenant context headers', () => {
    const allowed = CORS_ALLOWED_HEADERS.map((h) => h.toLowerCase());
    for (const header of Object.values(TENANT_CONTEXT)) expect(allowed).not.toContain(header);
  });
});
