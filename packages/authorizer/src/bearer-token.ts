/**
 * `Authorization: Bearer <jwt>`: the scheme is case-insensitive (RFC 7235), exactly one
 * token follows, and anything over the size limit is refused before it is looked at.
 */
import { MissingTokenError, OversizedTokenError } from './errors';

/** Largest token accepted, in bytes (Cognito tokens are 1-2 KB; groups can grow ID tokens). */
export const MAX_TOKEN_BYTES = 8192;
const SCHEME = 'bearer';
/** The longest `Authorization` value even looked at: scheme, a few spaces, the largest token. */
export const MAX_AUTHORIZATION_LENGTH = MAX_TOKEN_BYTES + 16;

/** Returns the token of a bearer `Authorization` value, or throws an {@link AuthorizerError}. */
export function readBearerToken(header: string): string {
  if (header.length > MAX_AUTHORIZATION_LENGTH) throw new OversizedTokenError();
  if (header.length <= SCHEME.length || header.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    throw new MissingTokenError('not a bearer credential');
  }
  let start = SCHEME.length;
  if (header.charCodeAt(start) !== 0x20) throw new MissingTokenError('not a bearer credential');
  while (header.charCodeAt(start) === 0x20) start++;
  const token = header.slice(start);
  if (token.length === 0) throw new MissingTokenError('empty bearer credential');
  if (token.length > MAX_TOKEN_BYTES) throw new OversizedTokenError();
  // Its characters (one compact JWS: no spaces, commas or a second scheme) are checked
  // in one pass by decodeToken, the only consumer.
  return token;
}
