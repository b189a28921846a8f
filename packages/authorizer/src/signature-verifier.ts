/**
 * Signature (and aws-jwt-verify's own claim checks) for a token of a registered issuer.
 * One aws-jwt-verify verifier per registered issuer, all sharing the per-issuer key cache;
 * the issuer is pinned at construction and the key set URL is derived from the registry's
 * issuer, never from the token. Library errors become this package's typed errors.
 */
import { JwtVerifier } from 'aws-jwt-verify';
import {
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import type { DecomposedJwt } from 'aws-jwt-verify/jwt';
import {
  AuthorizerError,
  ExpiredTokenError,
  InvalidClaimError,
  InvalidSignatureError,
  MalformedTokenError,
  UnknownKeyError,
  UntrustedIssuerError,
} from './errors';
import { jwksUri } from './issuer';
import type { IssuerJwksCache } from './jwks-cache';

interface PinnedProperties {
  issuer: string;
  jwksUri: string;
  audience: null;
  graceSeconds: number;
  [key: string]: unknown;
}

/**
 * aws-jwt-verify decomposes the token again inside `verify()`; the same (protected) step
 * that takes an already decomposed token is exposed here, so decoding happens once, in
 * decode-token.ts, with stricter rules. The library version is pinned exactly.
 */
class PinnedIssuerVerifier extends JwtVerifier<PinnedProperties, PinnedProperties, false> {
  constructor(
    private readonly pinned: PinnedProperties,
    jwksCache: IssuerJwksCache,
  ) {
    super(pinned, jwksCache);
  }

  verifyCached(jwt: DecomposedJwt): void {
    this.verifyDecomposedJwtSync(jwt, this.pinned.jwksUri, this.pinned);
  }

  async verifyFetching(jwt: DecomposedJwt): Promise<void> {
    await this.verifyDecomposedJwt(jwt, this.pinned.jwksUri, this.pinned);
  }
}

function translate(error: unknown): unknown {
  if (error instanceof AuthorizerError) return error;
  if (error instanceof JwtExpiredError) return new ExpiredTokenError('expired', { cause: error });
  if (error instanceof JwtNotBeforeError) return new InvalidClaimError('nbf');
  if (error instanceof JwtInvalidIssuerError) return new UntrustedIssuerError('issuer', { cause: error });
  if (error instanceof KidNotFoundInJwksError || error instanceof JwtWithoutValidKidError) {
    return new UnknownKeyError('kid', { cause: error });
  }
  if (error instanceof JwtParseError) return new MalformedTokenError('parse', { cause: error });
  // Invalid signature, algorithm/key mismatch, unusable JWK: the token does not verify.
  if (error instanceof JwtBaseError) return new InvalidSignatureError('signature', { cause: error });
  return error;
}

// Registered issuers only; the bound is a backstop against unbounded growth.
const MAX_VERIFIERS = 2000;

/** Verifies signatures of tokens from registered issuers. */
export class SignatureVerifier {
  private readonly verifiers = new Map<string, PinnedIssuerVerifier>();

  constructor(
    private readonly keys: IssuerJwksCache,
    private readonly graceSeconds: number,
  ) {}

  /**
   * Verifies `jwt` against the keys of `issuer` (a registry record's issuer). Returns
   * `undefined` when done synchronously (key cached), else a promise. Throws or rejects
   * with an {@link AuthorizerError} when the token does not verify.
   */
  verify(jwt: DecomposedJwt, issuer: string): Promise<void> | undefined {
    const verifier = this.verifierFor(issuer);
    const kid = jwt.header.kid;
    if (typeof kid === 'string' && this.keys.hasFreshKey(jwksUri(issuer), kid)) {
      try {
        verifier.verifyCached(jwt);
        return undefined;
      } catch (error) {
        throw translate(error);
      }
    }
    return verifier.verifyFetching(jwt).catch((error: unknown) => {
      throw translate(error);
    });
  }

  private verifierFor(issuer: string): PinnedIssuerVerifier {
    let verifier = this.verifiers.get(issuer);
    if (!verifier) {
      if (this.verifiers.size >= MAX_VERIFIERS) this.verifiers.clear();
      const pinned = { issuer, jwksUri: jwksUri(issuer), audience: null, graceSeconds: this.graceSeconds };
      verifier = new PinnedIssuerVerifier(pinned, this.keys);
      this.verifiers.set(issuer, verifier);
    }
    return verifier;
  }
}
