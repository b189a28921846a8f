/**
 * Turns a JWKS response body into the keys we may verify with: RSA signature keys of at
 * least 2048 bits with a unique `kid`, usable with RS256. Anything else in the set is
 * dropped, so a token can never select an EC, symmetric, short or ambiguous key.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { assertIsJwks, type Jwks, type JwkWithKid } from 'aws-jwt-verify/jwk';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';

/** Keys by `kid`. */
export type KeySet = ReadonlyMap<string, JwkWithKid>;

/** A body that is not a usable JWKS (HTML, truncated, too many keys, ...). */
export class JwksFormatError extends Error {
  override readonly name = 'JwksFormatError';
}

const MAX_KEYS = 100;
const MIN_MODULUS_BITS = 2048;
const utf8 = new TextDecoder('utf-8', { fatal: true });

// The public key object of each usable JWK, built once when the key set is parsed. Held
// weakly: it lives exactly as long as the key set that holds the JWK (jwks-cache.ts).
const publicKeys = new WeakMap<JwkWithKid, KeyObject>();

/** The RSA public key of a JWK from {@link parseKeySet}; `undefined` for any other object. */
export function verificationKey(jwk: JwkWithKid): KeyObject | undefined {
  return publicKeys.get(jwk);
}

function usable(jwk: JwkWithKid): KeyObject | undefined {
  if (jwk.kty !== 'RSA' || (jwk.alg !== undefined && jwk.alg !== 'RS256')) return undefined;
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const rsa = key.type === 'public' && key.asymmetricKeyType === 'rsa';
    return rsa && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_MODULUS_BITS ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Parses and filters a JWKS body; throws {@link JwksFormatError} when it is not a JWKS. */
export function parseKeySet(body: ArrayBuffer): KeySet {
  let jwks: Jwks;
  try {
    const json = safeJsonParse(utf8.decode(body));
    assertIsJwks(json);
    jwks = json;
  } catch (error) {
    throw new JwksFormatError('response is not a JWKS', { cause: error });
  }
  if (jwks.keys.length > MAX_KEYS) throw new JwksFormatError('too many keys');
  const keys = new Map<string, JwkWithKid>();
  const seen = new Set<string>();
  const ambiguous = new Set<string>();
  for (const jwk of jwks.keys) {
    if (typeof jwk.kid !== 'string' || jwk.kid === '') continue;
    // Two keys under one kid: which one a token meant is unknowable, so neither is used.
    if (seen.has(jwk.kid)) ambiguous.add(jwk.kid);
    seen.add(jwk.kid);
    const key = usable(jwk as JwkWithKid);
    if (key) {
      keys.set(jwk.kid, jwk as JwkWithKid);
      publicKeys.set(jwk as JwkWithKid, key);
    }
  }
  for (const kid of ambiguous) keys.delete(kid);
  return keys;
}
