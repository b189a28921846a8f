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
import type { IssuerRecord } from '@cognito-tenancy/registry/records';
import { checkCognitoClaims, checkTimes } from './claims';
import type { TokenUse } from './config';
import { decodeToken } from './decode-token';
import { UntrustedIssuerError } from './errors';
import { parseIssuer } from './issuer';
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
  constructor(private readonly options: TokenVerifierOptions) {}

  /** The registered issuer record for an `iss`, or throws {@link UntrustedIssuerError}. */
  async trustedIssuer(iss: string): Promise<IssuerRecord> {
    const { trustedUserPoolIds, localIssuerOrigin, registry } = this.options;
    const ref = parseIssuer(iss, localIssuerOrigin);
    if (!ref || (trustedUserPoolIds && !trustedUserPoolIds.has(ref.userPoolId))) {
      throw new UntrustedIssuerError('issuer not in an accepted form');
    }
    const record = await registry.issuer(ref.userPoolId);
    // Exact string equality with what infra registered: no normalisation, no prefix match.
    if (!record || record.issuer !== ref.issuer) throw new UntrustedIssuerError('issuer not registered');
    return record;
  }

  /** Verifies `token` and binds it to its tenant; throws an {@link AuthorizerError} otherwise. */
  async verify(token: string): Promise<VerifiedIdentity> {
    const jwt = decodeToken(token);
    const { payload } = jwt;
    checkTimes(payload, this.options.now(), this.options.clockSkewSeconds);
    const issuer = await this.trustedIssuer(payload.iss);
    const pending = this.options.signatures.verify(jwt, issuer.issuer);
    if (pending) await pending;
    const claims = checkCognitoClaims(payload, issuer, this.options.acceptedTokenUse);
    const tenantId = await resolveTenant(issuer, claims, this.options.registry);
    return {
      tenantId,
      userPoolId: issuer.userPoolId,
      sub: claims.sub,
      username: claims.username,
      groups: claims.groups,
      tokenUse: claims.tokenUse,
      clientId: claims.clientId,
      exp: claims.exp,
      iat: claims.iat,
    };
  }
}
