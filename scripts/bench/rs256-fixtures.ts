/**
 * RS256 keys, JWKS and Cognito-shaped access tokens generated per run for the benchmarks.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwk: Record<string, string>;
}

export function createSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return { kid, privateKey, publicKey, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `claims` as a compact RS256 JWT with `key`. */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${b64({ kid: key.kid, alg: 'RS256' })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** Claims of a Cognito access token from `issuer` for `clientId`, valid for an hour. */
export function accessTokenClaims(issuer: string, clientId: string, extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: '6f2b1c9e-3c1d-4a5e-9d61-2f4c8b7a0e11',
    iss: issuer,
    client_id: clientId,
    origin_jti: 'b1f1c5d2-0000-4000-8000-000000000001',
    event_id: 'e1',
    token_use: 'access',
    scope: 'openid email profile',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: `j-${Math.random().toString(36).slice(2)}`,
    username: 'bob',
    ...extra,
  };
}
