/**
 * API Gateway's authorizer result cache: the authorizer's answer (principal, policy,
 * context) is kept per identity-source values for the configured TTL, and a later call
 * with the same values is decided from the cached policy without invoking the function,
 * whichever method and path it is for. A TTL of 0 turns caching off, as in API Gateway.
 */
import type { AuthorizerResult } from './authorizer-result';

export interface AuthorizerCache {
  get(key: string): AuthorizerResult | undefined;
  set(key: string, result: AuthorizerResult): void;
  clear(): void;
  readonly size: number;
}

export interface AuthorizerCacheOptions {
  readonly ttlSeconds: number;
  /** Oldest entries are dropped past this many. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** Creates the cache. */
export function createAuthorizerCache(options: AuthorizerCacheOptions): AuthorizerCache {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { readonly expiresAt: number; readonly result: AuthorizerResult }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.result;
    },
    set(key, result) {
      if (options.ttlSeconds <= 0) return;
      entries.delete(key);
      entries.set(key, { expiresAt: now() + options.ttlSeconds * 1000, result });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
