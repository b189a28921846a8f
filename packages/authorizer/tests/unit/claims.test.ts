import { describe, expect, it } from '@jest/globals';
import { checkCognitoClaims, checkTimes } from '../../src/claims';
import type { UnverifiedToken } from '../../src/decode-token';
import { ExpiredTokenError, InvalidClaimError, TokenUseError, UnknownClientError } from '../../src/errors';
import { ACME_POOL, accessClaims, idClaims, issuerRecord, SHARED_POOL } from '../support/world';

type Payload = UnverifiedToken['payload'];
const NOW = 1_700_000_000;
const at = (claims: Record<string, unknown>) => ({ iss: 'x', exp: NOW + 60, iat: NOW, ...claims }) as Payload;
const acme = issuerRecord(ACME_POOL);

describe('checkTimes', () => {
  it('accepts a token until the second before exp, and never at exp (no skew on expiry)', () => {
    expect(() => checkTimes(at({ exp: NOW + 1 }), NOW * 1000, 5)).not.toThrow();
    expect(() => checkTimes(at({ exp: NOW + 1 }), NOW * 1000 + 999, 5)).not.toThrow();
    expect(() => checkTimes(at({ exp: NOW }), NOW * 1000, 5)).toThrow(ExpiredTokenError);
    expect(() => checkTimes(at({ exp: NOW - 1 }), NOW * 1000, 120)).toThrow(ExpiredTokenError);
  });

  it('accepts nbf up to the skew in the future and no further', () => {
    expect(() => checkTimes(at({ nbf: NOW + 5 }), NOW * 1000, 5)).not.toThrow();
    expect(() => checkTimes(at({ nbf: NOW + 6 }), NOW * 1000, 5)).toThrow(InvalidClaimError);
    expect(() => checkTimes(at({ nbf: NOW + 1 }), NOW * 1000, 0)).toThrow(InvalidClaimError);
  });

  it('accepts iat up to the skew in the future and no further', () => {
    expect(() => checkTimes(at({ iat: NOW + 5 }), NOW * 1000, 5)).not.toThrow();
    expect(() => checkTimes(at({ iat: NOW + 6 }), NOW * 1000, 5)).toThrow(new InvalidClaimError('iat'));
  });
});

describe('checkCognitoClaims', () => {
  it('reads the claims of an access token', () => {
    const claims = checkCognitoClaims(accessClaims(ACME_POOL) as Payload, acme, ['access']);
    expect(claims).toMatchObject({
      sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a',
      username: 'alice',
      tokenUse: 'access',
      clientId: 'acmeweb1',
      groups: ['Admins', 'CN=Ops,OU=X'],
      tenantName: undefined,
      identityProviders: undefined,
    });
  });

  it('reads the claims of an ID token (aud, cognito:username, identities, custom:tenantName)', () => {
    const claims = checkCognitoClaims(idClaims(SHARED_POOL) as Payload, issuerRecord(SHARED_POOL), ['id']);
    expect(claims).toMatchObject({
      username: 'globex_bob@globex.com',
      tokenUse: 'id',
      clientId: 'sharedweb1',
      tenantName: 'globex',
      identityProviders: ['globex'],
    });
  });

  it('refuses an ID token where only access tokens are accepted, and the reverse', () => {
    expect(() => checkCognitoClaims(idClaims(ACME_POOL) as Payload, acme, ['access'])).toThrow(TokenUseError);
    expect(() => checkCognitoClaims(accessClaims(ACME_POOL) as Payload, acme, ['id'])).toThrow(TokenUseError);
  });

  it.each([undefined, 'refresh', 'ACCESS', ['access']])('refuses token_use %p', (tokenUse) => {
    const payload = accessClaims(ACME_POOL, { token_use: tokenUse }) as Payload;
    expect(() => checkCognitoClaims(payload, acme, ['access', 'id'])).toThrow(TokenUseError);
  });

  it('refuses app clients the registry does not list for the pool', () => {
    const access = accessClaims(ACME_POOL, { client_id: 'acmeinternal9' }) as Payload;
    const id = idClaims(ACME_POOL, { aud: 'acmeinternal9' }) as Payload;
    expect(() => checkCognitoClaims(access, acme, ['access'])).toThrow(UnknownClientError);
    expect(() => checkCognitoClaims(id, acme, ['id'])).toThrow(UnknownClientError);
  });

  it("lets a shared pool's unlisted client through to the client record check, marked as not common", () => {
    const shared = issuerRecord(SHARED_POOL);
    const own = accessClaims(SHARED_POOL, { client_id: 'globexown1' }) as Payload;
    expect(checkCognitoClaims(own, shared, ['access'])).toMatchObject({
      clientId: 'globexown1',
      commonClient: false,
    });
    expect(checkCognitoClaims(accessClaims(SHARED_POOL) as Payload, shared, ['access']).commonClient).toBe(
      true,
    );
    const unfit = accessClaims(SHARED_POOL, { client_id: 'globex/own1' }) as Payload;
    expect(() => checkCognitoClaims(unfit, shared, ['access'])).toThrow(UnknownClientError);
  });

  it('takes the client of an access token from client_id, never from aud', () => {
    const payload = accessClaims(ACME_POOL, { client_id: undefined, aud: 'acmeweb1' }) as Payload;
    expect(() => checkCognitoClaims(payload, acme, ['access'])).toThrow(new InvalidClaimError('client_id'));
  });

  it('refuses an ID token whose aud is a list', () => {
    const payload = idClaims(ACME_POOL, { aud: ['acmeweb1'] }) as Payload;
    expect(() => checkCognitoClaims(payload, acme, ['id'])).toThrow(InvalidClaimError);
  });

  it.each([
    ['no sub', { sub: undefined }],
    ['an empty sub', { sub: '' }],
    ['no username', { username: undefined }],
    ['a numeric username', { username: 5 }],
    ['groups that are a string', { 'cognito:groups': 'Admins' }],
    ['groups with a number', { 'cognito:groups': ['Admins', 1] }],
    ['an empty group name', { 'cognito:groups': [''] }],
    ['too many groups', { 'cognito:groups': Array.from({ length: 1001 }, (_, i) => `g${i}`) }],
    ['an overlong username', { username: 'u'.repeat(2049) }],
    ['a non-string tenant name', { 'custom:tenantName': 7 }],
  ])('refuses an access token with %s', (_, overrides) => {
    const payload = accessClaims(ACME_POOL, overrides) as Payload;
    expect(() => checkCognitoClaims(payload, acme, ['access'])).toThrow(InvalidClaimError);
  });

  it('treats a missing groups claim as no groups', () => {
    const payload = accessClaims(ACME_POOL, { 'cognito:groups': undefined }) as Payload;
    delete (payload as Record<string, unknown>)['cognito:groups'];
    expect(checkCognitoClaims(payload, acme, ['access']).groups).toEqual([]);
  });

  it.each([
    ['not an array', { identities: 'globex' }],
    ['empty', { identities: [] }],
    ['without providerName', { identities: [{ providerType: 'SAML' }] }],
    ['with a null entry', { identities: [null] }],
  ])('refuses ID token identities that are %s', (_, overrides) => {
    const payload = idClaims(SHARED_POOL, overrides) as Payload;
    expect(() => checkCognitoClaims(payload, issuerRecord(SHARED_POOL), ['id'])).toThrow(InvalidClaimError);
  });
});
