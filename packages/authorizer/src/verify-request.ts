/**
 * Request -> decision: the bearer token, the tenant host binding, the verified-token
 * cache and the revocation hook. Allowed decisions are cached by request domain and exact
 * `Authorization` value for a short TTL (see decision-cache.ts); a hit still enforces
 * `exp` and revocation, and skips only work whose answer cannot have changed within the
 * TTL (signature, registry, host binding). Concurrent identical requests share one
 * verification.
 */

import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import { normalizeHost } from '@cognito-tenancy/registry/normalize';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import type { TenantContext } from '@cognito-tenancy/registry/routes';
import type { AuthorizerRequest } from './authorizer-event';
import { MAX_AUTHORIZATION_LENGTH, readBearerToken } from './bearer-token';
import { type CachedDecision, DecisionCache } from './decision-cache';
import {
  ExpiredTokenError,
  HostTenantMismatchError,
  OversizedTokenError,
  RevocationUnavailableError,
  RevokedTokenError,
  SharedHostDedicatedTokenError,
  UnregisteredHostError,
} from './errors';
import { chain, type MaybePromise } from './maybe-promise';
import type { VerifiedIdentity } from './policy';
import type { RegistryReader } from './registry-reader';
import type { RevocationAnswer, RevocationCheck } from './revocation';
import type { TokenVerifier } from './verify-token';

export interface RequestVerifierOptions {
  readonly tokens: TokenVerifier;
  readonly registry: RegistryReader;
  /** Accept valid tokens on ANY host that is not registered (the execute-api domain, TOKEN events). */
  readonly allowUnregisteredHosts: boolean;
  /**
   * Unregistered hosts accepted all the same, normalised (the shared tenants' email discovery
   * hosts): shared-pool tokens only. Empty or absent: only registered hosts.
   */
  readonly allowedUnregisteredHosts?: readonly string[];
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
  /** The tenant context, when already built (kept with cached decisions). */
  readonly context?: TenantContext;
  /** Whether the identity came from the verified-token cache. */
  readonly cache: 'hit' | 'miss';
}

/** A revocation check that could not answer: deny (fail closed). */
function revocationUnavailable(error: unknown): never {
  throw new RevocationUnavailableError('revocation check failed', { cause: error });
}

/**
 * `false`, or an answer whose `revoked` is exactly `false`, lets the token through; the
 * answer's `freshUntil` (0 for a bare `false`) is how long a cached decision may reuse it.
 * Anything else (true, a thenable, `undefined`, a malformed answer) counts as revoked.
 */
function revocationVerdict(answer: boolean | RevocationAnswer): number {
  if (answer === false) return 0;
  if (
    typeof answer === 'object' &&
    answer !== null &&
    answer.revoked === false &&
    typeof answer.freshUntil === 'number' &&
    Number.isFinite(answer.freshUntil) &&
    !('then' in answer)
  ) {
    return answer.freshUntil;
  }
  throw new RevokedTokenError('revoked');
}

/** Decides requests; see the module comment. */
export class RequestVerifier {
  private readonly decisions: DecisionCache | undefined;
  private readonly inFlight = new Map<string, Promise<VerifiedIdentity>>();
  /**
   * normalizeHost is pure; its result per raw domain is kept (null: does not normalise).
   * Few distinct domains reach an API; the bound only guards against a flood.
   */
  private readonly normalizedHosts = new BoundedCache<string | null>({ maxEntries: 1000 });

  private readonly sharedHosts: ReadonlySet<string>;

  constructor(private readonly options: RequestVerifierOptions) {
    this.sharedHosts = new Set(options.allowedUnregisteredHosts ?? []);
    this.decisions =
      options.verifiedTokenTtlMs > 0
        ? new DecisionCache({
            ttlMs: options.verifiedTokenTtlMs,
            maxEntries: options.verifiedTokenCacheSize,
            now: options.now,
          })
        : undefined;
  }

  /**
   * Allows the request or throws (or rejects with) an {@link AuthorizerError} (401 or
   * 403). Synchronous when everything needed is cached and no revocation check is set.
   */
  authorize(request: AuthorizerRequest): MaybePromise<Decision> {
    // Refused before it is hashed as a cache key or looked at in any other way.
    if (request.authorization.length > MAX_AUTHORIZATION_LENGTH) throw new OversizedTokenError();
    const decisions = this.decisions;
    if (!decisions) return this.withRevocation(this.decide(request), 'miss');
    const { host, authorization } = request;
    const now = this.options.now();
    const cached = decisions.get(host, authorization, now);
    if (cached.state === 'hit') {
      // The revocation answer held with the decision is reused until it is due: a seen
      // token costs no revocation call within the revocation cache TTL (see the README).
      if (!this.options.revocation || now < cached.decision.revocationFreshUntil) {
        return { identity: cached.identity, context: cached.context, cache: 'hit' };
      }
      return this.withRevocation(cached.identity, 'hit', cached.context, cached.decision);
    }
    if (cached.state === 'expired') throw new ExpiredTokenError('expired');
    const key = DecisionCache.key(host, authorization);
    const pending = this.inFlight.get(key);
    if (pending) return this.withRevocation(pending, 'miss');
    const decided = this.decide(request);
    if (!(decided instanceof Promise)) {
      return this.withRevocation(decided, 'miss', undefined, decisions.set(host, authorization, decided));
    }
    let entry: CachedDecision | undefined;
    const shared = decided
      .then((identity) => {
        entry = decisions.set(host, authorization, identity);
        return identity;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, shared);
    return this.withRevocation(shared, 'miss', undefined, () => entry);
  }

  /** Verifies the token and binds it to the request's host. */
  private decide(request: AuthorizerRequest): MaybePromise<VerifiedIdentity> {
    const token = readBearerToken(request.authorization);
    return chain(this.options.tokens.verify(token), (identity) => {
      // Only after authentication: unauthenticated input never causes a host lookup.
      const host = this.normalizedHost(request.host);
      return chain(this.hostRecord(host), (record) => this.bindHost(identity, host, record));
    });
  }

  /**
   * A registered host binds the token to its tenant. An unregistered one is refused unless
   * every host is allowed, or it is a listed shared host and the token is a shared-pool one.
   */
  private bindHost(
    identity: VerifiedIdentity,
    host: string | null,
    record: HostRecord | undefined,
  ): VerifiedIdentity {
    const principal = { sub: identity.sub, tenantId: identity.tenantId, userPoolId: identity.userPoolId };
    if (record) {
      if (record.tenantId !== identity.tenantId) throw new HostTenantMismatchError(principal);
      return identity;
    }
    if (this.options.allowUnregisteredHosts) return identity;
    if (host === null || !this.sharedHosts.has(host)) throw new UnregisteredHostError(principal);
    if (identity.pattern !== 'shared') throw new SharedHostDedicatedTokenError(principal);
    return identity;
  }

  /**
   * Runs the revocation check on a verified identity (when one is configured) and keeps a
   * "not revoked" answer's expiry in the cached decision (`entry`), if any.
   */
  private withRevocation(
    identity: MaybePromise<VerifiedIdentity>,
    cache: Decision['cache'],
    context?: TenantContext,
    entry?: CachedDecision | (() => CachedDecision | undefined),
  ): MaybePromise<Decision> {
    if (!this.options.revocation) return chain(identity, (value) => ({ identity: value, context, cache }));
    // A check that answers from its cache answers synchronously: the warm path stays synchronous.
    return chain(identity, (value) => {
      const decision: Decision = { identity: value, context, cache };
      const remember = (freshUntil: number) => {
        const held = typeof entry === 'function' ? entry() : entry;
        if (held) held.revocationFreshUntil = freshUntil;
        return decision;
      };
      return chain(this.checkRevocation(value), remember);
    });
  }

  /** The request's host, normalised; null when absent or when it does not normalise. */
  private normalizedHost(raw: string | undefined): string | null {
    return raw === undefined ? null : this.normalizedHosts.memo(raw, normalizedOrNull);
  }

  private hostRecord(host: string | null): MaybePromise<HostRecord | undefined> {
    // A host that does not normalise cannot be registered; it is never used in a key.
    return host === null ? undefined : this.options.registry.host(host);
  }

  /** The "not revoked" answer's expiry (0: not to be reused), or throws / rejects. */
  private checkRevocation(identity: VerifiedIdentity): MaybePromise<number> {
    const check = this.options.revocation;
    if (!check) return 0;
    let answer: MaybePromise<boolean | RevocationAnswer>;
    try {
      answer = check({
        tenantId: identity.tenantId,
        userPoolId: identity.userPoolId,
        sub: identity.sub,
        issuedAt: identity.iat,
      });
    } catch (error) {
      return revocationUnavailable(error);
    }
    return answer instanceof Promise
      ? answer.then(revocationVerdict, revocationUnavailable)
      : revocationVerdict(answer);
  }
}

function normalizedOrNull(raw: string): string | null {
  const normalized = normalizeHost(raw);
  return normalized.ok ? normalized.value : null;
}
