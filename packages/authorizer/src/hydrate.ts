/**
 * Cold-start hydration: when the pool list is known (`TRUSTED_USER_POOL_IDS`), load those
 * issuer records and their key sets during init, so the first requests verify without a
 * round trip. Bounded in time and never fatal: whatever is not loaded is loaded lazily,
 * and the lazy path fails closed on its own. (The issuer index is read on the first
 * issuer miss, not here: the first request needs a read anyway, and init stays free of
 * I/O for deployments that pin no pools.)
 */
import type { AuthorizerParts } from './dependencies';
import { jwksUri, parseIssuer } from './issuer';
import type { AuthorizerLogger } from './logger';

export interface HydrationOptions {
  readonly userPoolIds: readonly string[] | undefined;
  readonly localIssuerOrigin: string | undefined;
  readonly timeoutMs: number;
  readonly logger: AuthorizerLogger;
}

/** Outcome of hydration, for the log line and tests. */
export interface HydrationResult {
  readonly issuers: number;
  readonly keySets: number;
  readonly timedOut: boolean;
}

async function load(parts: AuthorizerParts, options: HydrationOptions): Promise<HydrationResult> {
  const records = await parts.registry.hydrateIssuers(options.userPoolIds ?? []);
  // Keys only for issuers the request path would trust too (exact canonical form).
  const trusted = records.filter(
    (r) => parseIssuer(r.issuer, options.localIssuerOrigin)?.userPoolId === r.userPoolId,
  );
  const fetched = await Promise.allSettled(trusted.map((r) => parts.keys.getJwks(jwksUri(r.issuer))));
  const keySets = fetched.filter((f) => f.status === 'fulfilled').length;
  return { issuers: records.length, keySets, timedOut: false };
}

/** Hydrates the caches; resolves within `timeoutMs` whatever happens. */
export async function hydrate(parts: AuthorizerParts, options: HydrationOptions): Promise<HydrationResult> {
  const none = { issuers: 0, keySets: 0, timedOut: false };
  if (!options.userPoolIds || options.userPoolIds.length === 0) return none;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HydrationResult>((resolve) => {
    timer = setTimeout(() => resolve({ ...none, timedOut: true }), options.timeoutMs);
  });
  try {
    const result = await Promise.race([load(parts, options), timeout]);
    options.logger.info('hydrated', { reason: 'hydrated', ...result });
    return result;
  } catch (error) {
    options.logger.warn('hydration failed', {
      reason: 'hydration-failed',
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    return none;
  } finally {
    clearTimeout(timer);
  }
}
