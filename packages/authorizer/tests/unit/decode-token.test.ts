import { describe, expect, it } from '@jest/globals';
import { decodeToken } from '../../src/decode-token';
import { MalformedTokenError, RejectedHeaderError } from '../../src/errors';
import { key } from '../support/keys';
import { b64url, json, sign, signRaw } from '../support/tokens';

const k = key('decode');
const claims = {
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc',
  exp: 2000000000,
  iat: 1700000000,
};
const SIG = 'c2lnbmF0dXJl';

describe('decodeToken', () => {
  it('decomposes a token into header, payload and the encoded segments', () => {
    const token = sign({ ...claims, sub: 'u' }, k, { typ: 'JWT' });
    const [h, p, s] = token.split('.');

    const decoded = decodeToken(token);

    expect(decoded.header).toEqual({ alg: 'RS256', kid: k.kid, typ: 'JWT' });
    expect(decoded.payload).toEqual({ ...claims, sub: 'u' });
    expect([decoded.headerB64, decoded.payloadB64, decoded.signatureB64]).toEqual([h, p, s]);
  });

  it('shares one frozen decoded header between tokens with the same header', () => {
    const first = decodeToken(sign({ ...claims, sub: 'a' }, k));
    const second = decodeToken(sign({ ...claims, sub: 'b' }, k));

    expect(second.header).toBe(first.header);
    expect(Object.isFrozen(first.header)).toBe(true);
    expect(second.payload.sub).toBe('b');
  });

  it('keeps refusing a bad header however often it is seen', () => {
    const token = `${json({ alg: 'none', kid: 'k' })}.${json(claims)}.${SIG}`;
    expect(() => decodeToken(token)).toThrow(RejectedHeaderError);
    expect(() => decodeToken(token)).toThrow(RejectedHeaderError);
  });

  it('keeps working after more distinct headers than it remembers', () => {
    for (let i = 0; i < 150; i++) {
      expect(decodeToken(`${json({ alg: 'RS256', kid: `k${i}` })}.${json(claims)}.${SIG}`).header.kid).toBe(
        `k${i}`,
      );
    }
  });

  it.each([
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['an empty header', '.b.c'],
    ['an empty payload', 'a..c'],
    ['an empty signature', 'a.b.'],
    ['a single segment', 'abc'],
  ])('refuses %s', (_, token) => {
    expect(() => decodeToken(token)).toThrow(MalformedTokenError);
  });

  it.each([
    ['padding', `${json({ alg: 'RS256', kid: 'k' })}=.${json(claims)}.${SIG}`],
    ['standard base64 characters', `${json({ alg: 'RS256', kid: 'k' })}.${json(claims)}.ab+/`],
    ['an impossible length', `${json({ alg: 'RS256', kid: 'k' })}.${json(claims)}.abcde`],
    ['a header that is not JSON', `${b64url('{alg')}.${json(claims)}.${SIG}`],
    ['a header that is an array', `${json(['RS256'])}.${json(claims)}.${SIG}`],
    ['a payload that is null', `${json({ alg: 'RS256', kid: 'k' })}.${json(null)}.${SIG}`],
    ['a payload that is a string', `${json({ alg: 'RS256', kid: 'k' })}.${json('claims')}.${SIG}`],
    [
      'invalid UTF-8',
      `${json({ alg: 'RS256', kid: 'k' })}.${b64url(Buffer.from([0x7b, 0xff, 0x7d]))}.${SIG}`,
    ],
    ['a non-canonical signature ending', `${json({ alg: 'RS256', kid: 'k' })}.${json(claims)}.AB`],
  ])('refuses %s', (_, token) => {
    expect(() => decodeToken(token)).toThrow(MalformedTokenError);
  });

  it('accepts the canonical spelling of a short signature', () => {
    expect(() => decodeToken(`${json({ alg: 'RS256', kid: 'k' })}.${json(claims)}.AA`)).not.toThrow();
  });

  it.each([
    ['alg none', { alg: 'none', kid: 'k' }],
    ['alg HS256', { alg: 'HS256', kid: 'k' }],
    ['alg RS512', { alg: 'RS512', kid: 'k' }],
    ['alg ES256', { alg: 'ES256', kid: 'k' }],
    ['alg rs256', { alg: 'rs256', kid: 'k' }],
    ['no alg', { kid: 'k' }],
    ['a non-string alg', { alg: ['RS256'], kid: 'k' }],
    ['no kid', { alg: 'RS256' }],
    ['an empty kid', { alg: 'RS256', kid: '' }],
    ['a kid with a path', { alg: 'RS256', kid: '../../etc/passwd key' }],
    ['a numeric kid', { alg: 'RS256', kid: 1 }],
    ['typ JOSE', { alg: 'RS256', kid: 'k', typ: 'JOSE' }],
    ['crit', { alg: 'RS256', kid: 'k', crit: ['exp'] }],
    ['jku', { alg: 'RS256', kid: 'k', jku: 'https://evil.example/jwks.json' }],
    ['jwk', { alg: 'RS256', kid: 'k', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }],
    ['x5u', { alg: 'RS256', kid: 'k', x5u: 'https://evil.example/cert.pem' }],
    ['x5c', { alg: 'RS256', kid: 'k', x5c: ['MIIB'] }],
    ['b64', { alg: 'RS256', kid: 'k', b64: false }],
    ['enc', { alg: 'RS256', kid: 'k', enc: 'A256GCM' }],
  ])('rejects a header with %s', (_, header) => {
    expect(() => decodeToken(`${json(header)}.${json(claims)}.${SIG}`)).toThrow(RejectedHeaderError);
  });

  it.each([
    ['no exp', { iss: claims.iss, iat: 1 }],
    ['exp as a string', { ...claims, exp: '2000000000' }],
    ['exp as null', { ...claims, exp: null }],
    ['no iat', { iss: claims.iss, exp: 2000000000 }],
    ['no iss', { exp: 2000000000, iat: 1 }],
    ['a numeric iss', { ...claims, iss: 42 }],
    ['an overlong iss', { ...claims, iss: `https://${'a'.repeat(300)}` }],
    ['nbf as a string', { ...claims, nbf: '1' }],
    ['aud as a number', { ...claims, aud: 7 }],
    ['aud with a number', { ...claims, aud: ['a', 7] }],
    ['sub as an object', { ...claims, sub: {} }],
    ['scope as an array', { ...claims, scope: ['openid'] }],
    ['jti as a number', { ...claims, jti: 1 }],
  ])('refuses a payload with %s', (_, payload) => {
    expect(() => decodeToken(`${json({ alg: 'RS256', kid: 'k' })}.${json(payload)}.${SIG}`)).toThrow(
      MalformedTokenError,
    );
  });

  it('refuses a non-finite exp written as a huge number', () => {
    const payload = `{"iss":"${claims.iss}","exp":1e400,"iat":1}`;
    expect(() => decodeToken(signRaw('{"alg":"RS256","kid":"k"}', payload, k))).toThrow(MalformedTokenError);
  });

  it('refuses duplicate member names in the payload and in the header', () => {
    const payload = `{"iss":"${claims.iss}","exp":2000000000,"iat":1,"iss":"https://evil.example"}`;
    expect(() => decodeToken(signRaw(`{"alg":"RS256","kid":"k"}`, payload, k))).toThrow(MalformedTokenError);
    const header = '{"alg":"RS256","alg":"none","kid":"k"}';
    expect(() => decodeToken(signRaw(header, JSON.stringify(claims), k))).toThrow(MalformedTokenError);
  });

  it('refuses prototype member names anywhere', () => {
    const payload = `{"iss":"${claims.iss}","exp":2000000000,"iat":1,"x":{"__proto__":{"admin":true}}}`;
    expect(() => decodeToken(signRaw('{"alg":"RS256","kid":"k"}', payload, k))).toThrow(MalformedTokenError);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
