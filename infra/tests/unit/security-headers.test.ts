import { describe, expect, it } from '@jest/globals';
import { CACHE_CONTROL, contentSecurityPolicy, MAX_CSP_LENGTH } from '../../src/security-headers';

const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('contentSecurityPolicy', () => {
  it('lets the SPA connect to its own origin and exactly the Cognito origins', () => {
    const csp = contentSecurityPolicy({
      region: 'eu-west-1',
      cognitoDomains: ['b.auth.eu-west-1.amazoncognito.com', 'a.auth.eu-west-1.amazoncognito.com'],
    });
    expect(directive(csp, 'connect-src')).toEqual([
      "'self'",
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://a.auth.eu-west-1.amazoncognito.com',
      'https://b.auth.eu-west-1.amazoncognito.com',
    ]);
    expect(directive(csp, 'default-src')).toEqual(["'self'"]);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe');
  });

  it('falls back to the region’s Cognito domains past CloudFront’s length limit', () => {
    const many = Array.from({ length: 100 }, (_, i) => `tenant-${i}.auth.eu-west-1.amazoncognito.com`);
    const csp = contentSecurityPolicy({ region: 'eu-west-1', cognitoDomains: many });
    expect(csp.length).toBeLessThanOrEqual(MAX_CSP_LENGTH);
    expect(directive(csp, 'connect-src')).toEqual([
      "'self'",
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://*.auth.eu-west-1.amazoncognito.com',
    ]);
  });

  it('names no pool with anyPoolOfRegion (tenant stacks: the platform knows no dedicated pool)', () => {
    const csp = contentSecurityPolicy({
      region: 'eu-west-1',
      cognitoDomains: ['ct-dev-shared.auth.eu-west-1.amazoncognito.com'],
      anyPoolOfRegion: true,
    });
    expect(directive(csp, 'connect-src')).toEqual([
      "'self'",
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://*.auth.eu-west-1.amazoncognito.com',
    ]);
  });

  it('caches hashed assets a year and revalidates documents', () => {
    expect(CACHE_CONTROL.asset).toContain('max-age=31536000');
    expect(CACHE_CONTROL.asset).toContain('immutable');
    expect(CACHE_CONTROL.document).toBe('no-cache');
  });
});
