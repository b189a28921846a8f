import { describe, expect, it } from '@jest/globals';
import { parseDiscovery } from '../../src/discovery';
import {
  belongsToAnotherTenant,
  forbidden,
  noTenantOnHost,
  sessionEnded,
  signedOutUntil,
  signsInElsewhere,
} from '../../src/messages';

const tenant = (tenantId: string, displayName: string, redirect: string) =>
  parseDiscovery('email', {
    tenantId,
    displayName,
    identityProvider: `${tenantId}-idp`,
    oidc: {
      authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      client_id: 'c',
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'openid',
      extraQueryParams: {},
      metadataSeed: { end_session_endpoint: 'https://x.example/logout' },
    },
  });

describe('messages', () => {
  it('sends a dedicated tenant found by email on the shared host to its own host', () => {
    const acme = tenant('acme', 'Acme', 'http://acme.localhost:4000/callback');
    expect(signsInElsewhere(' alice@acme.example ', acme)).toBe(
      'alice@acme.example signs in to Acme at http://acme.localhost:4000. Go there to sign in.',
    );
  });

  it('says no tenant is served on a mistyped host, and where to find one by email', () => {
    expect(noTenantOnHost('acmee.localhost', ['app.localhost'])).toBe(
      'No tenant is served on acmee.localhost. Check the address for a typo, or find your organisation by email at app.localhost.',
    );
    expect(noTenantOnHost('acmee.localhost', undefined)).toContain('Check the address for a typo.');
  });

  it("names the account's own tenant and where it signs in", () => {
    const theirs = tenant('globex', 'Globex', 'http://app.localhost:4000/callback');
    const here = tenant('acme', 'Acme Corporation', 'http://acme.localhost:4000/callback');
    expect(belongsToAnotherTenant(' hank@globex.example', theirs, here)).toBe(
      'hank@globex.example belongs to another tenant (Globex), not Acme Corporation. Sign in at http://app.localhost:4000 instead.',
    );
  });

  it('gives the reason for a 401 and asks to sign in again', () => {
    expect(sessionEnded('Unauthorized')).toContain('(401: Unauthorized)');
    expect(sessionEnded(undefined)).toContain('Sign in again.');
  });

  it('explains a 403 with the action and the user’s groups', () => {
    expect(forbidden('adding pets', ['Readers'], undefined)).toBe(
      "Not allowed (403): adding pets is for your tenant's administrators (your groups: Readers).",
    );
    expect(forbidden('adding pets', [], 'admins only')).toContain('you are in no group');
  });

  it('says when a signed-out user’s tokens will be refused: the cut-off plus the documented bound', () => {
    const text = signedOutUntil('sub-1', 1_800_000_000, 90);
    expect(text).toContain('tokens issued before 2027-01-15T08:00:00Z are cut off');
    expect(text).toContain('refused by 2027-01-15T08:01:30Z at the latest (up to 90 s');
    expect(signedOutUntil('sub-1', 1_800_000_000, undefined)).toContain('once the authorizer');
  });
});
