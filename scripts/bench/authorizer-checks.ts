/**
 * Section 1 helpers for the verified-token cache: the miss path (distinct tokens through
 * a one-entry cache, so every call verifies and then stores) and the proof that `exp` is
 * still enforced on a cached token.
 */
import { type AuthorizerWorld, authorizerWorld, isAllow, poolToken, requestEvent } from './authorizer-world';
import type { SigningKey } from './rs256-fixtures';

/** True when a cached token is refused once its `exp` has passed, inside the cache TTL. */
export async function expiredCachedTokenRefused(keys: readonly SigningKey[]): Promise<boolean> {
  let offsetMs = 0;
  // Cache entries live 120 s; the token expires after 30 s: the entry outlives the token.
  const world = authorizerWorld({
    pools: 1,
    keys,
    env: { VERIFIED_TOKEN_TTL_SECONDS: '120' },
    now: () => Date.now() + offsetMs,
    signOutCheck: true,
  });
  const pool = world.pools[0];
  if (!pool) return false;
  const token = poolToken(pool, { exp: Math.floor(Date.now() / 1000) + 30 });
  const event = requestEvent(token, pool.host);
  if (!isAllow(await world.handler(event)) || !isAllow(await world.handler(event))) return false;
  if (world.lastLog()?.cache !== 'hit') return false;
  offsetMs = 31_000;
  try {
    await world.handler(event);
    return false;
  } catch (error) {
    return (
      error instanceof Error && error.message === 'Unauthorized' && world.lastLog()?.reason !== 'allowed'
    );
  }
}

/** Distinct token strings cycled through a one-entry cache: every call is a miss that is then stored. */
export const DISTINCT_TOKENS = 64;

/** A world whose cache holds one entry, and that many distinct tokens' events. */
export async function missWorld(keys: readonly SigningKey[]) {
  const world = authorizerWorld({
    pools: 1,
    keys,
    env: { VERIFIED_TOKEN_CACHE_SIZE: '1' },
    signOutCheck: true,
  });
  const pool = world.pools[0];
  if (!pool) throw new Error('no pool');
  const events = Array.from({ length: DISTINCT_TOKENS }, () => requestEvent(poolToken(pool), pool.host));
  for (const event of events) {
    if (!isAllow(await world.handler(event))) throw new Error('bench request was not allowed');
  }
  return { world, events };
}

/** True when another pass over `events` is answered without a single cache hit. */
export async function allMisses(
  world: AuthorizerWorld,
  events: readonly Record<string, unknown>[],
): Promise<boolean> {
  for (const event of events) {
    await world.handler(event);
    if (world.lastLog()?.cache !== 'miss') return false;
  }
  return true;
}
