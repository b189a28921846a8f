/**
 * Signature of a token of a registered issuer: RS256 (`RSA-SHA256`, PKCS#1 v1.5) with the
 * key its `kid` selects in that issuer's key set, verified with `node:crypto` on a public
 * key object built once per key (jwks-keys.ts). The key set URL comes from the registry's
 * issuer, never from the token. aws-jwt-verify's verifier is not used: its reusable step
 * (verify an already decoded token) is protected API it does not promise to keep, and its
 * public `verify()` would decode every token a second time. The checks it made after the
 * signature are repeated here as a backstop: the pinned issuer, `exp` and `nbf`.
 */
import { verify as cryptoVerify } from 'node:crypto';
import type { JwkWithKid } from 'aws-jwt-verify/jwk';
import type { UnverifiedToken } from './decode-token';
import {
  AuthorizerError,
  ExpiredTokenError,
  InvalidClaimError,
  InvalidSignatureError,
  UntrustedIssuerError,
} from './errors';
import { jwksUri } from './issuer';
import type { IssuerJwksCache } from './jwks-cache';
import { verificationKey } from './jwks-keys';

/** Verifies signatures of tokens from registered issuers. */
export class SignatureVerifier {
  constructor(
    private readonly keys: IssuerJwksCache,
    private readonly graceSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Verifies `jwt` against the keys of `issuer` (a registry record's issuer). Returns
   * `undefined` when done synchronously (key cached and fresh), else a promise. Throws or
   * rejects with an {@link AuthorizerError} when the token does not verify.
   */
  verify(jwt: UnverifiedToken, issuer: string): Promise<void> | undefined {
    const uri = jwksUri(issuer);
    const cached = this.keys.freshJwk(uri, jwt.header.kid);
    if (cached) return this.check(jwt, issuer, cached);
    return this.keys.getJwk(uri, jwt).then(
      (jwk) => this.check(jwt, issuer, jwk),
      (error: unknown) => {
        throw error instanceof AuthorizerError ? error : new InvalidSignatureError('key', { cause: error });
      },
    );
  }

  private check(jwt: UnverifiedToken, issuer: string, jwk: JwkWithKid): undefined {
    const key = verificationKey(jwk);
    if (!key) throw new InvalidSignatureError('key not usable');
    const signed = Buffer.from(`${jwt.headerB64}.${jwt.payloadB64}`);
    if (!cryptoVerify('RSA-SHA256', signed, key, Buffer.from(jwt.signatureB64, 'base64url'))) {
      throw new InvalidSignatureError('signature');
    }
    // Backstops; verify-token.ts has already checked all three, more strictly.
    const { iss, exp, nbf } = jwt.payload;
    if (iss !== issuer) throw new UntrustedIssuerError('issuer');
    const nowSeconds = this.now() / 1000;
    if (exp < nowSeconds - this.graceSeconds) throw new ExpiredTokenError('expired');
    if (typeof nbf === 'number' && nbf > nowSeconds + this.graceSeconds) throw new InvalidClaimError('nbf');
    return undefined;
  }
}
