/** Signing keys generated per test run (never committed), and their public JWKs. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JwkWithKid } from 'aws-jwt-verify/jwk';

export interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwk: JwkWithKid;
}

/** A fresh RSA key pair (2048 bits unless told) with its public JWK. */
export function rsaKey(kid: string, modulusLength = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as JwkWithKid;
  return { kid, privateKey, publicKey, jwk };
}

const memo = new Map<string, TestKey>();

/** The same key for the same name within one run (key generation is slow). */
export function key(name: string): TestKey {
  let k = memo.get(name);
  if (!k) {
    k = rsaKey(`kid-${name}`);
    memo.set(name, k);
  }
  return k;
}
