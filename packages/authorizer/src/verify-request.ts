/**
 * Request -> decision: the bearer token, the verified-token cache, the tenant host
 * binding and the revocation hook. Verified identities are cached by the exact token
 * string for a short TTL; a hit still enforces `exp`, the host binding and revocation,
 * so only the signature and registry work is skipped for a token already verified.
 */
import { normalizeHost } from '@cognito-tenancy/registry/normalize';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import type { AuthorizerRequest } from './authorizer-event';
import { readBearerToken } from './bearer-token';
import {
  ExpiredTokenError,
  HostTenantMismatchError,
  RevocationUnavailableError,
  RevokedTokenError,
  UnregisteredHostError,
} from './errors';
import type { VerifiedIdentity } from './policy';
import type { RegistryReader } from './registry-reader';
import type { RevocationCheck } from './revocation';
import type { TokenVerifier } from './verify-token';

export interface RequestVerifierOptions {
  readonly tokens: TokenVerifier;
  readonly registry: RegistryReader;
  /** Accept valid tokens on hosts that are not registered (single-host setups, TOKEN events). */
  readonly allowUnregisteredHosts: boolean;
  /** 0 disables the verified-token cache. */
  readonly verifiedTokenTtlMs: number;
  readonly verifiedTokenCacheSize: number;
  /** Forced sign-out check; none by default. */
  readonly revocation?: RevocationCheck | undefined;
  readonly now: () => number;
}

/** An allowed request. */
export interface Decision {
  readonly identity: VerifiedIdentity;
  /** Whether the identity came from the verified-token cache. */
  readonly cache: 'hit' | 'miss';
}

/** Decides requests; see the module comment. */
export class RequestVerifier {
  private readonly verified: TtlCache<VerifiedIdentity> | undefined;
  private readonly verify: (token: string) => Promise<VerifiedIdentity>;

  constructor(private readonly options: RequestVerifierOptions) {
    this.verify = (token) => options.tokens.verify(token);
    this.verified =
      options.verifiedTokenTtlMs > 0
        ? new TtlCache({
            ttlMs: options.verifiedTokenTtlMs,
            negativeTtlMs: 0,
            staleIfErrorMs: 0,
            maxEntries: options.verifiedTokenCacheSize,
            now: options.now,
          })
        : undefined;
  }

  /** Allows the request or throws an {@link AuthorizerError} (401 or 403). */
  async authorize(request: AuthorizerRequest): Promise<Decision> {
    const token = readBearerToken(request.authorization);
    const { identity, cache } = await this.identity(token);
    // Only after authentication: unauthenticated input never causes a host lookup.
    const host = await this.hostRecord(request.host);
    const principal = { sub: identity.sub, tenantId: identity.tenantId, userPoolId: identity.userPoolId };
    if (host) {
      if (host.tenantId !== identity.tenantId) throw new HostTenantMismatchError(principal);
    } else if (!this.options.allowUnregisteredHosts) {
      throw new UnregisteredHostError(principal);
    }
    await this.checkRevocation(identity);
    return { identity, cache };
  }

  private async identity(token: string): Promise<Decision> {
    if (!this.verified) return { identity: await this.verify(token), cache: 'miss' };
    const { value, source } = await this.verified.get(token, this.verify);
    if (value === undefined) throw new ExpiredTokenError('no identity');
    // A cached identity is served only until the token's own expiry.
    if (this.options.now() >= value.exp * 1000) {
      this.verified.delete(token);
      throw new ExpiredTokenError('expired');
    }
    return { identity: value, cache: source === 'hit' ? 'hit' : 'miss' };
  }

  private async hostRecord(raw: string | undefined): Promise<HostRecord | undefined> {
    if (raw === undefined) return undefined;
    const host = normalizeHost(raw);
    // A host that does not normalise cannot be registered; it is never used in a key.
    return host.ok ? this.options.registry.host(host.value) : undefined;
  }

  private async checkRevocation(identity: VerifiedIdentity): Promise<void> {
    const check = this.options.revocation;
    if (!check) return;
    let revoked: boolean;
    try {
      revoked = await check({
        tenantId: identity.tenantId,
        userPoolId: identity.userPoolId,
        sub: identity.sub,
        issuedAt: identity.iat,
      });
    } catch (error) {
      throw new RevocationUnavailableError('revocation check failed', { cause: error });
    }
    if (revoked !== false) throw new RevokedTokenError('revoked');
  }
}
