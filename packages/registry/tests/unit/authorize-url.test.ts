import { describe, expect, it } from '@jest/globals';
import { buildAuthorizeUrl } from '../../src/authorize-url';

describe('buildAuthorizeUrl', () => {
  const input = {
    cognitoDomain: 'acme-dev.auth.eu-west-1.amazoncognito.com',
    clientId: 'client1',
    redirectUri: 'https://acme.app.example.com/callback',
    identityProvider: 'AcmeOkta',
  };

  it('builds a code-flow PKCE URL naming the identity provider', () => {
    const url = new URL(buildAuthorizeUrl(input));
    expect(url.origin).toBe('https://acme-dev.auth.eu-west-1.amazoncognito.com');
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client1',
      redirect_uri: 'https://acme.app.example.com/callback',
      identity_provider: 'AcmeOkta',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
  });

  it('adds login_hint, encoded', () => {
    const url = new URL(buildAuthorizeUrl({ ...input, loginHint: 'bob+x@acme.com' }));
    expect(url.searchParams.get('login_hint')).toBe('bob+x@acme.com');
    expect(url.search).toContain('login_hint=bob%2Bx%40acme.com');
  });

  it('keeps an explicit origin (local stack)', () => {
    expect(buildAuthorizeUrl({ ...input, cognitoDomain: 'http://127.0.0.1:9229' })).toMatch(
      /^http:\/\/127\.0\.0\.1:9229\/oauth2\/authorize\?/,
    );
  });
});
