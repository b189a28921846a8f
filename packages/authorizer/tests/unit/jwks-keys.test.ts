import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { JwksFormatError, parseKeySet, verificationKey } from '../../src/jwks-keys';
import { key, rsaKey } from '../support/keys';

const body = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).buffer as ArrayBuffer;
const good = key('keys-good');

describe('parseKeySet', () => {
  it('keeps RSA signature keys by kid', () => {
    const keys = parseKeySet(body({ keys: [good.jwk] }));
    expect([...keys.keys()]).toEqual([good.kid]);
    expect(keys.get(good.kid)).toEqual(good.jwk);
  });

  it('builds the RSA public key object of each kept key once, and has none for any other object', () => {
    const parsed = parseKeySet(body({ keys: [good.jwk] })).get(good.kid);
    const keyObject = parsed && verificationKey(parsed);
    expect(keyObject?.type).toBe('public');
    expect(keyObject?.asymmetricKeyType).toBe('rsa');
    // The same JWK content not produced by parseKeySet never selects a key.
    expect(verificationKey(good.jwk as never)).toBeUndefined();
    expect(verificationKey({ ...parsed } as never)).toBeUndefined();
  });

  it('keeps an RSA key without alg or use', () => {
    const { alg: _a, use: _u, ...bare } = good.jwk;
    expect(parseKeySet(body({ keys: [bare] })).has(good.kid)).toBe(true);
  });

  it('drops keys a token must never select', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    const short = rsaKey('short', 1024);
    const keys = parseKeySet(
      body({
        keys: [
          { ...ec, kid: 'ec', alg: 'ES256' },
          { ...ed, kid: 'ed', alg: 'EdDSA' },
          { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0', alg: 'HS256' },
          short.jwk,
          { ...good.jwk, kid: 'rs512', alg: 'RS512' },
          { ...good.jwk, kid: 'enc', use: 'enc' },
          { ...good.jwk, kid: 'broken', n: 'AAAA' },
          { ...good.jwk, kid: undefined },
          { ...good.jwk, kid: '' },
        ],
      }),
    );
    expect(keys.size).toBe(0);
  });

  it('drops every key of a kid that appears twice', () => {
    const other = key('keys-other');
    const keys = parseKeySet(body({ keys: [good.jwk, { ...other.jwk, kid: good.kid }, other.jwk] }));
    expect([...keys.keys()]).toEqual([other.kid]);
  });

  it('drops a usable key whose kid is shared with an unusable one', () => {
    const keys = parseKeySet(body({ keys: [{ kty: 'oct', kid: good.kid, k: 'c2VjcmV0' }, good.jwk] }));
    expect(keys.size).toBe(0);
  });

  it.each([
    ['HTML', '<html><body>Service Unavailable</body></html>'],
    ['an empty body', ''],
    ['JSON without keys', '{"kys":[]}'],
    ['keys that are not an array', '{"keys":{}}'],
    ['a key without kty', '{"keys":[{"kid":"a"}]}'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff]).buffer],
  ])('refuses %s', (_, value) => {
    const input = value instanceof ArrayBuffer ? value : body(value);
    expect(() => parseKeySet(input)).toThrow(JwksFormatError);
  });

  it('refuses a set of more than 100 keys', () => {
    const keys = Array.from({ length: 101 }, (_, i) => ({ ...good.jwk, kid: `k${i}` }));
    expect(() => parseKeySet(body({ keys }))).toThrow('too many keys');
  });
});
