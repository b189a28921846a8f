import { parseHostRecord } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import { toSignInConfig } from '../../src/sign-in-config';
import { hostRecord } from '../helpers';

describe('toSignInConfig', () => {
  it('returns only what a browser needs, with a PKCE code-flow authorize URL for the IdP', () => {
    const config = toSignInConfig(parseHostRecord(hostRecord('acme')));
    expect(Object.keys(config).sort()).toEqual([
      'authorizeUrl',
      'clientId',
      'cognitoDomain',
      'displayName',
      'identityProvider',
      'oidc',
      'redirectUri',
      'region',
      'tenantId',
      'userPoolId',
    ]);
    expect(config).toMatchObject({ tenantId: 'acme', region: 'eu-west-1', identityProvider: 'acme-saml' });
    const url = new URL(config.authorizeUrl);
    expect(url.origin).toBe('https://acme-test.auth.eu-west-1.amazoncognito.com');
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'acmeclient123',
      redirect_uri: 'https://acme.app.example.com/callback',
      identity_provider: 'acme-saml',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
  });

  it('hands oidc-client-ts its settings: issuer authority, code flow, the IdP, Cognito /logout', () => {
    const config = toSignInConfig(parseHostRecord(hostRecord('acme')));
    expect(config.oidc).toEqual({
      authority: `https://cognito-idp.eu-west-1.amazonaws.com/${config.userPoolId}`,
      client_id: 'acmeclient123',
      redirect_uri: 'https://acme.app.example.com/callback',
      response_type: 'code',
      scope: 'openid email profile',
      extraQueryParams: { identity_provider: 'acme-saml' },
      metadataSeed: { end_session_endpoint: 'https://acme-test.auth.eu-west-1.amazoncognito.com/logout' },
    });
  });

  it('shows the display name of the record, or the tenant id for a record written without one', () => {
    const record = parseHostRecord(hostRecord('acme'));
    expect(toSignInConfig({ ...record, displayName: 'Acme Corporation' }).displayName).toBe(
      'Acme Corporation',
    );
    const { displayName: _dropped, ...withoutName } = record;
    expect(toSignInConfig(withoutName).displayName).toBe('acme');
  });

  it('never passes through a field it does not know', () => {
    const record = {
      ...parseHostRecord(hostRecord('acme')),
      internalNote: 'secret',
      pattern: 'dedicated' as const,
    };
    const config = toSignInConfig(record);
    expect(JSON.stringify(config)).not.toContain('secret');
    expect(config).not.toHaveProperty('pattern');
  });
});
