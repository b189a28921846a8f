/**
 * Token -> verified, tenant-bound identity. The order is the security argument:
 *
 * 1. decode without trusting (size, structure, header allow-list, RS256 only);
 * 2. time checks (an expired token costs no I/O);
 * 3. `iss` in its exact canonical form, in the optional pool allow-list, and registered
 *    with exactly that issuer string: an unregistered issuer is rejected here, before any
 *    key is fetched, and its JWKS is never requested;
 * 4. signature with that registered pool's keys (aws-jwt-verify);
 * 5. Cognito claims pinned to configuration and the registry (token use, app client);
 * 6. the tenant, from the registry only.
 */

import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import type { IssuerRecord } from '@cognito-tenancy/registry/records';
import { checkCognitoClaims, checkTimes } from './claims';
import type { TokenUse } from './config';
import { decodeToken, type UnverifiedToken } from './decode-token';
import { UntrustedIssuerError } from './errors';
import { type IssuerRef, parseIssuer } from './issuer';
import { chain, type MaybePromise } from './maybe-promise';
import type { VerifiedIdentity } from './policy';
import type { RegistryReader } from './registry-reader';
import { resolveTenant } from './resolve-tenant';
import type { SignatureVerifier } from './signature-verifier';

export interface TokenVerifierOptions {
  readonly registry: RegistryReader;
  readonly signatures: SignatureVerifier;
  readonly acceptedTokenUse: readonly TokenUse[];
  /** When set, pools outside it are refused without asking the registry. */
  readonly trustedUserPoolIds: ReadonlySet<string> | undefined;
  readonly localIssuerOrigin: string | undefined;
  readonly clockSkewSeconds: number;
  readonly now: () => number;
}

/** Verifies tokens; see the module comment for the order of checks. */
export class TokenVerifier {
  /**
   * parseIssuer is pure; its answer per `iss` is kept (null: not an accepted form). Sized
   * for every pool an account may hold twice over; a flood of made-up issuers evicts one
   * entry at a time.
   */
  private readonly issuerRefs = new BoundedCache<IssuerRef | null>({ maxEntries: 2000 });
  private readonly parseRef = (iss: string) => parseIssuer(iss, this.options.localIssuerOrigin) ?? null;

  constructor(private readonly options: TokenVerifierOptions) {}

  private issuerRef(iss: string): IssuerRef | null {
    return this.issuerRefs.memo(iss, this.parseRef);
  }

  /** The registered issuer record for an `iss`, or throws {@link UntrustedIssuerError}. */
  trustedIssuer(iss: string): MaybePromise<IssuerRecord> {
    const { trustedUserPoolIds, registry } = this.options;
    const ref = this.issuerRef(iss);
    if (!ref || (trustedUserPoolIds && !trustedUserPoolIds.has(ref.userPoolId))) {
      throw new UntrustedIssuerError('issuer not in an accepted form');
    }
    return chain(registry.issuer(ref.userPoolId), (record) => {
      // Exact string equality with what infra registered: no normalisation, no prefix match.
      if (!record || record.issuer !== ref.issuer) throw new UntrustedIssuerError('issuer not registered');
      return record;
    });
  }

  /**
   * Verifies `token` and binds it to its tenant; throws (or rejects with) an
   * {@link AuthorizerError} otherwise. Synchronous when the registry records and keys
   * it needs are cached.
   */
  verify(token: string): MaybePromise<VerifiedIdentity> {
    const jwt = decodeToken(token);
    checkTimes(jwt.payload, this.options.now(), this.options.clockSkewSeconds);
    return chain(this.trustedIssuer(jwt.payload.iss), (issuer) =>
      chain(this.options.signatures.verify(jwt, issuer.issuer), () => this.bind(jwt.payload, issuer)),
    );
  }

  private bind(payload: UnverifiedToken['payload'], issuer: IssuerRecord): MaybePromise<VerifiedIdentity> {
    const claims = checkCognitoClaims(payload, issuer, this.options.acceptedTokenUse);
    return chain(resolveTenant(issuer, claims, this.options.registry), (tenantId) => ({
      tenantId,
      userPoolId: issuer.userPoolId,
      pattern: issuer.pattern,
      sub: claims.sub,
      username: claims.username,
      groups: claims.groups,
      tokenUse: claims.tokenUse,
      clientId: claims.clientId,
      exp: claims.exp,
      iat: claims.iat,
    }));
  }
}
