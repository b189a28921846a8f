import { describe, expect, it } from '@jest/globals';
import { MAX_TOKEN_BYTES, readBearerToken } from '../../src/bearer-token';
import { decodeToken } from '../../src/decode-token';
import { MalformedTokenError, MissingTokenError, OversizedTokenError } from '../../src/errors';

describe('readBearerToken', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the scheme spelled %s', (scheme) => {
    expect(readBearerToken(`${scheme} a.b.c`)).toBe('a.b.c');
  });

  it('tolerates several spaces after the scheme', () => {
    expect(readBearerToken('Bearer   a.b.c')).toBe('a.b.c');
  });

  it.each([
    ['a bare token', 'a.b.c'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a scheme prefix', 'Bearerx a.b.c'],
    ['a tab separator', 'Bearer\ta.b.c'],
    ['the scheme alone', 'Bearer'],
    ['the scheme and spaces', 'Bearer   '],
  ])('refuses %s as no bearer token', (_, header) => {
    expect(() => readBearerToken(header)).toThrow(MissingTokenError);
  });

  it.each([
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['a comma-joined list', 'Bearer a.b.c,Bearer d.e.f'],
    ['a trailing space', 'Bearer a.b.c '],
    ['a newline', 'Bearer a.b.c\n'],
    ['non-ASCII', 'Bearer a.b.ç'],
    ['padding', 'Bearer a.b.c=='],
  ])('passes %s on to the decoder, which refuses it', (_, header) => {
    expect(() => decodeToken(readBearerToken(header))).toThrow(MalformedTokenError);
  });

  it('accepts a token of exactly the limit and refuses one byte more', () => {
    const token = 'a'.repeat(MAX_TOKEN_BYTES);
    expect(readBearerToken(`Bearer ${token}`)).toBe(token);
    expect(() => readBearerToken(`Bearer ${token}a`)).toThrow(OversizedTokenError);
  });

  it('refuses a huge header before looking at it', () => {
    expect(() => readBearerToken(`Bearer ${'x '.repeat(1_000_000)}`)).toThrow(OversizedTokenError);
  });
});
