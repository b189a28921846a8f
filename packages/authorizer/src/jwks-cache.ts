/**
 * Per-issuer key cache given to aws-jwt-verify (its `JwksCache` interface), with one
 * rule that bounds traffic to every JWKS URL: at most one request per cooldown per issuer
 * (concurrent callers share it). So an unknown-`kid` flood costs one refetch per cooldown,
 * a JWKS outage is not hammered, and a failed fetch with nothing cached denies fast.
 * Keys older than `maxAgeMs` are refreshed, but served while the refresh fails (a JWKS
 * outage does not deny valid tokens); a refreshed set without the `kid` wins (rotation).
 */

import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import type { Jwks, JwksCache, JwkWithKid } from 'aws-jwt-verify/jwk';
import type { DecomposedJwt } from 'aws-jwt-verify/jwt';
import { KeysUnavailableError, UnknownKeyError } from './errors';
import { type KeySet, parseKeySet } from './jwks-keys';

/** Fetches a JWKS body (aws-jwt-verify's `Fetcher` shape). */
export interface KeySetFetcher {
  fetch(uri: string): Promise<ArrayBuffer>;
}

export interface IssuerJwksCacheOptions {
  readonly fetcher: KeySetFetcher;
  /** Minimum time between two requests to one JWKS URL. */
  readonly cooldownMs: number;
  /** Age after which keys are refreshed (and kept if the refresh fails). */
  readonly maxAgeMs: number;
  readonly now?: () => number;
}

interface Entry {
  keys: KeySet | undefined;
  fetchedAt: number;
  lastAttemptAt: number;
  inFlight: Promise<void> | undefined;
}

// Only registered issuers reach this cache; the bound (least recently used out) is a backstop.
const MAX_ISSUERS = 2000;

function kidOf(jwt: DecomposedJwt): string {
  const kid = jwt.header.kid;
  if (typeof kid !== 'string') throw new UnknownKeyError('token has no kid');
  return kid;
}

/** See the module comment. */
export class IssuerJwksCache implements JwksCache {
  private readonly entries = new BoundedCache<Entry>({ maxEntries: MAX_ISSUERS });
  private readonly now: () => number;

  constructor(private readonly options: IssuerJwksCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** True when the key is cached and fresh: verification can then run synchronously. */
  hasFreshKey(jwksUri: string, kid: string): boolean {
    return this.freshJwk(jwksUri, kid) !== undefined;
  }

  /** The key for `kid` when it is cached and fresh (verification can run synchronously). */
  freshJwk(jwksUri: string, kid: unknown): JwkWithKid | undefined {
    if (typeof kid !== 'string') return undefined;
    const entry = this.entries.get(jwksUri);
    const key = entry?.keys?.get(kid);
    return key && this.now() - (entry as Entry).fetchedAt < this.options.maxAgeMs ? key : undefined;
  }

  async getJwk(jwksUri: string, jwt: DecomposedJwt): Promise<JwkWithKid> {
    const kid = kidOf(jwt);
    const entry = this.entry(jwksUri);
    const cached = entry.keys?.get(kid);
    if (cached && this.now() - entry.fetchedAt < this.options.maxAgeMs) return cached;
    if (entry.inFlight === undefined && this.now() - entry.lastAttemptAt < this.options.cooldownMs) {
      if (cached) return cached;
      if (entry.keys) throw new UnknownKeyError('kid not in the key set (refetch cooling down)');
      throw new KeysUnavailableError('key set fetch failed recently');
    }
    try {
      await this.load(jwksUri, entry);
    } catch (error) {
      if (cached) return cached;
      throw new KeysUnavailableError('key set fetch failed', { cause: error });
    }
    const key = entry.keys?.get(kid);
    if (!key) throw new UnknownKeyError('kid not in the key set');
    return key;
  }

  getCachedJwk(jwksUri: string, jwt: DecomposedJwt): JwkWithKid {
    const kid = kidOf(jwt);
    const entry = this.entries.get(jwksUri);
    const key = entry?.keys?.get(kid);
    if (!key)
      throw entry?.keys ? new UnknownKeyError('kid not cached') : new KeysUnavailableError('not cached');
    return key;
  }

  addJwks(jwksUri: string, jwks: Jwks): void {
    const entry = this.entry(jwksUri);
    entry.keys = parseKeySet(new TextEncoder().encode(JSON.stringify(jwks)).buffer as ArrayBuffer);
    entry.fetchedAt = this.now();
  }

  async getJwks(jwksUri: string): Promise<Jwks> {
    const entry = this.entry(jwksUri);
    if (entry.inFlight !== undefined || this.now() - entry.lastAttemptAt >= this.options.cooldownMs) {
      await this.load(jwksUri, entry);
    }
    if (!entry.keys) throw new KeysUnavailableError('key set not available');
    return { keys: [...entry.keys.values()] };
  }

  private entry(jwksUri: string): Entry {
    let entry = this.entries.get(jwksUri);
    if (!entry) {
      entry = { keys: undefined, fetchedAt: 0, lastAttemptAt: Number.NEGATIVE_INFINITY, inFlight: undefined };
      this.entries.set(jwksUri, entry);
    }
    return entry;
  }

  private load(jwksUri: string, entry: Entry): Promise<void> {
    if (entry.inFlight === undefined) {
      entry.lastAttemptAt = this.now();
      entry.inFlight = this.options.fetcher
        .fetch(jwksUri)
        .then((body) => {
          entry.keys = parseKeySet(body);
          entry.fetchedAt = this.now();
        })
        .finally(() => {
          entry.inFlight = undefined;
        });
    }
    return entry.inFlight;
  }
}
