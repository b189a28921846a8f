/**
 * Splits and decodes a compact JWS WITHOUT trusting it: nothing here is believed until the
 * signature is verified. The checks are stricter than aws-jwt-verify's own decomposition
 * (which then verifies the result): base64url without padding, fatal UTF-8, no duplicate
 * or prototype member names, a header of `alg`, `kid` and `typ` only, `alg` exactly RS256
 * (the algorithm of Cognito's keys: never `none`, never HS*), and typed registered claims.
 * Doing it once here, instead of twice, is also what keeps verification near raw speed.
 */

import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import type { DecomposedJwt } from 'aws-jwt-verify/jwt';
import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';
import { MalformedTokenError, RejectedHeaderError } from './errors';
import { hasSafeMemberNames } from './json-keys';

/** The only signature algorithm accepted: Cognito signs every token with RS256. */
export const ACCEPTED_ALGORITHM = 'RS256';
/** Header members a Cognito (or cognito-local) token has; anything else (crit, jku, jwk, x5u, x5c, ...) is refused. */
const HEADER_MEMBERS = new Set(['alg', 'kid', 'typ']);
// One pass over the whole token: three non-empty base64url segments, nothing else.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const KID = /^[A-Za-z0-9+/=_.:-]{1,128}$/;
const MAX_ISSUER_LENGTH = 256;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

type Json = Record<string, unknown>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * True when the unused low bits of the last character are zero. Decoders ignore them, so
 * without this check one signature would have 4 (or 16) spellings, and one token several
 * cache keys; with it, a token string has exactly one accepted form.
 */
function isCanonicalBase64url(segment: string): boolean {
  const rest = segment.length % 4;
  if (rest === 0) return true;
  const last = ALPHABET.indexOf(segment.charAt(segment.length - 1));
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

function decodeSegment(segment: string, what: string): Json {
  // Valid unpadded base64url never has a length of 1 modulo 4.
  if (segment.length % 4 === 1) throw new MalformedTokenError(`${what} encoding`);
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(Buffer.from(segment, 'base64url'));
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedTokenError(`${what} is not JSON`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedTokenError(`${what} is not an object`);
  }
  if (!hasSafeMemberNames(text, value))
    throw new MalformedTokenError(`${what} has duplicate or forbidden names`);
  return value as Json;
}

function checkHeader(header: Json): JwtHeader {
  for (const name of Object.keys(header)) {
    if (!HEADER_MEMBERS.has(name)) throw new RejectedHeaderError(`header member '${name}'`);
  }
  if (header.alg !== ACCEPTED_ALGORITHM) throw new RejectedHeaderError('algorithm');
  if (typeof header.kid !== 'string' || !KID.test(header.kid)) throw new RejectedHeaderError('kid');
  if (header.typ !== undefined && header.typ !== 'JWT') throw new RejectedHeaderError('typ');
  return header as JwtHeader;
}

// Tokens of one pool share one header (alg + kid), so its decoded, checked form is kept per
// encoded text; frozen because it is shared. Only headers that pass are kept, and a flood of
// made-up ones evicts one entry at a time (the pools' own headers stay while in use).
const headers = new BoundedCache<JwtHeader>({ maxEntries: 1000 });
const checkedHeader = (headerB64: string) => Object.freeze(checkHeader(decodeSegment(headerB64, 'header')));

function decodeHeader(headerB64: string): JwtHeader {
  return headers.memo(headerB64, checkedHeader);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isAudience = (v: unknown) => isString(v) || (Array.isArray(v) && v.every(isString));

function checkPayload(payload: Json): JwtPayload {
  // Required before anything else happens: no expiry or issue time, no verification.
  if (!isNumber(payload.exp)) throw new MalformedTokenError('exp');
  if (!isNumber(payload.iat)) throw new MalformedTokenError('iat');
  if (!isString(payload.iss) || payload.iss.length > MAX_ISSUER_LENGTH) throw new MalformedTokenError('iss');
  // The types aws-jwt-verify's own decomposition asserts, so its checks see what it expects.
  if (payload.nbf !== undefined && !isNumber(payload.nbf)) throw new MalformedTokenError('nbf');
  if (payload.aud !== undefined && !isAudience(payload.aud)) throw new MalformedTokenError('aud');
  for (const name of ['sub', 'scope', 'jti'] as const) {
    if (payload[name] !== undefined && !isString(payload[name])) throw new MalformedTokenError(name);
  }
  return payload as JwtPayload;
}

/** A decomposed token whose header and payload passed the structural checks; still unverified. */
export type UnverifiedToken = DecomposedJwt & {
  readonly payload: JwtPayload & { readonly iss: string; readonly exp: number; readonly iat: number };
};

/** Decodes `token` (already size-checked); throws {@link MalformedTokenError} or {@link RejectedHeaderError}. */
export function decodeToken(token: string): UnverifiedToken {
  if (!COMPACT_JWS.test(token)) throw new MalformedTokenError('not a compact JWS');
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  const headerB64 = token.slice(0, first);
  const payloadB64 = token.slice(first + 1, second);
  const signatureB64 = token.slice(second + 1);
  if (signatureB64.length % 4 === 1 || !isCanonicalBase64url(signatureB64)) {
    throw new MalformedTokenError('signature');
  }
  const header = decodeHeader(headerB64);
  const payload = checkPayload(decodeSegment(payloadB64, 'payload'));
  return { header, headerB64, payload, payloadB64, signatureB64 } as UnverifiedToken;
}
