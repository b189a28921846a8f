/** Builds signed, forged and malformed tokens for tests. */
import { createHmac, createSign, type KeyObject } from 'node:crypto';
import type { TestKey } from './keys';

export const b64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');
export const json = (value: unknown) => b64url(JSON.stringify(value));

/** RS256 signature of `signingInput` with `privateKey`. */
export function rs256(signingInput: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
}

/** A compact JWS from raw header and payload JSON text, signed RS256 with `key`. */
export function signRaw(headerJson: string, payloadJson: string, key: TestKey): string {
  const input = `${b64url(headerJson)}.${b64url(payloadJson)}`;
  return `${input}.${rs256(input, key.privateKey)}`;
}

/** A compact JWS of `payload`, header `{alg: RS256, kid}` plus `header`, signed with `key`. */
export function sign(payload: object, key: TestKey, header: object = {}): string {
  return signRaw(JSON.stringify({ alg: 'RS256', kid: key.kid, ...header }), JSON.stringify(payload), key);
}

/** HS256 over header.payload with `secret` (the public-key confusion attack). */
export function hs256(header: object, payload: object, secret: string | Buffer): string {
  const input = `${json(header)}.${json(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
