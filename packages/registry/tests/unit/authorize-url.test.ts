import { describe, expect, it } from '@jest/globals';
import { buildAuthorizeUrl, buildOidcSettings } from '../../src/authorize-url';

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

describe('buildOidcSettings', () => {
  const input = {
    cognitoDomain: 'acme-prod.auth.eu-west-1.amazoncognito.com',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_AbC123',
    clientId: 'client123',
    redirectUri: 'https://acme.app.example.com/callback',
    identityProvider: 'AcmeOkta',
  };

  it("points the authority at Cognito's issuer and the end session at the hosted UI's /logout", () => {
    expect(buildOidcSettings(input)).toEqual({
      authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      client_id: 'client123',
      redirect_uri: 'https://acme.app.example.com/callback',
      response_type: 'code',
      scope: 'openid email profile',
      extraQueryParams: { identity_provider: 'AcmeOkta' },
      metadataSeed: { end_session_endpoint: 'https://acme-prod.auth.eu-west-1.amazoncognito.com/logout' },
    });
  });

  it('adds login_hint only when given', () => {
    const settings = buildOidcSettings({ ...input, loginHint: 'bob@acme.com' });
    expect(settings.extraQueryParams).toEqual({ identity_provider: 'AcmeOkta', login_hint: 'bob@acme.com' });
  });

  it("serves the local stand-in's discovery document under <origin>/<pool> for an http origin", () => {
    const settings = buildOidcSettings({ ...input, cognitoDomain: 'http://login.localhost:4000/' });
    expect(settings.authority).toBe('http://login.localhost:4000/eu-west-1_AbC123');
    expect(settings.metadataSeed.end_session_endpoint).toBe('http://login.localhost:4000/logout');
  });
});
