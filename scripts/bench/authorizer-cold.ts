/**
 * Section 1, cold instance: the authorizer's first requests as deployed (forced sign-out
 * check on, default issuer lookup budget, registry stores answering after 2 ms), with
 * everything still to be loaded.
 *
 * - Burst: 1,000 registered pools, one request per pool, all at once. Every valid token
 *   must be allowed, and the registry reads must be batched (one GetParameters call per
 *   10 records, not one read per pool).
 * - Flood: 10,000 tokens naming unregistered pools, interleaved with one valid token per
 *   registered pool, in waves of 1,100 requests at once. The reads the flood causes stay within the issuer lookup budget, and
 *   no valid token is refused.
 */
import { cognitoIssuer } from '@cognito-tenancy/registry/keys';
import type { RegistryReads } from '../../packages/authorizer/src/registry-reader';
import { type AuthorizerWorld, authorizerWorld, isAllow, REGION, requestEvent } from './authorizer-world';
import { accessTokenClaims, type SigningKey, signJwt } from './rs256-fixtures';

/** Registry store latency, as the discovery benches use. */
const STORE_DELAY_MS = 2;

export interface ColdBurst {
  readonly pools: number;
  readonly requests: number;
  readonly allowed: number;
  readonly refused: number;
  readonly reads: RegistryReads;
  readonly jwksFetches: number;
  readonly revocationReads: number;
  readonly seconds: number;
}

export interface UnregisteredFlood {
  readonly unregisteredTokens: number;
  readonly validTokens: number;
  readonly validAllowed: number;
  readonly validRefused: number;
  /** Reads of issuer records of pools the index does not list (metered). */
  readonly unregisteredReads: number;
  readonly budgetRefusals: number;
  /** The budget as configured: reads per second and burst. */
  readonly budget: { readonly perSecond: number; readonly burst: number };
  readonly reads: RegistryReads;
  readonly seconds: number;
}

/** Requests of the flood sent at once. */
const FLOOD_WAVE = 1100;

/** Default REGISTRY_ISSUER_LOOKUPS_PER_SECOND and its burst (twice that). */
const BUDGET = { perSecond: 5, burst: 10 };

function coldWorld(
  pools: number,
  keys: readonly SigningKey[],
  env?: Record<string, string>,
): AuthorizerWorld {
  const world = authorizerWorld({ pools, keys, signOutCheck: true, ...(env ? { env } : {}) });
  world.store.delayMs = STORE_DELAY_MS;
  return world;
}

async function settle(world: AuthorizerWorld, events: readonly Record<string, unknown>[]) {
  const outcomes = await Promise.allSettled(events.map((event) => world.handler(event)));
  return outcomes.map((o) => o.status === 'fulfilled' && isAllow(o.value));
}

/** The burst row: `tokens[i]` is a valid token of pool i. */
export async function coldBurst(
  keys: readonly SigningKey[],
  tokens: readonly string[],
  pools = 1000,
): Promise<ColdBurst> {
  const world = coldWorld(pools, keys);
  const events = world.pools.map((pool, i) => requestEvent(tokens[i] as string, pool.host));
  const started = performance.now();
  const allowed = (await settle(world, events)).filter(Boolean).length;
  return {
    pools,
    requests: events.length,
    allowed,
    refused: events.length - allowed,
    reads: world.registry.reads(),
    jwksFetches: world.fetcher.calls,
    revocationReads: world.revocations.calls,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The flood row: 10,000 unregistered pools interleaved with one valid token per registered pool. */
export async function unregisteredFlood(
  keys: readonly SigningKey[],
  tokens: readonly string[],
  pools = 1000,
  unregistered = 10_000,
  /** Authorizer environment overrides; the bench runs the defaults. */
  env?: Record<string, string>,
): Promise<UnregisteredFlood> {
  const world = coldWorld(pools, keys, env);
  const key = keys[0] as SigningKey;
  // Signed once; the other forged tokens reuse its header and signature (never checked:
  // an unregistered issuer is refused before any signature work), so 10,000 cost no signing.
  const [header, , signature] = signJwt(
    key,
    accessTokenClaims(cognitoIssuer(REGION, `${REGION}_Flood`), 'c'),
  ).split('.');
  const forge = (claims: object) =>
    `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  const events: Record<string, unknown>[] = [];
  const valid = new Set<number>();
  const every = Math.max(1, Math.floor(unregistered / pools));
  for (let i = 0, next = 0; i < unregistered; i++) {
    const pool = `${REGION}_Flood${String(i).padStart(5, '0')}`;
    const forged = forge(accessTokenClaims(cognitoIssuer(REGION, pool), 'floodclient'));
    events.push(requestEvent(forged, `flood${i}.app.example.com`));
    if (i % every === every - 1 && next < pools) {
      const target = world.pools[next] as (typeof world.pools)[number];
      valid.add(events.length);
      events.push(requestEvent(tokens[next] as string, target.host));
      next++;
    }
  }
  const started = performance.now();
  // In waves of FLOOD_WAVE requests: all 11,000 at once would hold every valid request
  // behind the CPU work of the whole flood past DEADLINE_MS (a Lambda instance serves one
  // request at a time; the waves still overlap misses of many pools within each wave).
  const allowed: boolean[] = [];
  for (let i = 0; i < events.length; i += FLOOD_WAVE) {
    allowed.push(...(await settle(world, events.slice(i, i + FLOOD_WAVE))));
  }
  const seconds = (performance.now() - started) / 1000;
  const validAllowed = [...valid].filter((i) => allowed[i]).length;
  return {
    unregisteredTokens: unregistered,
    validTokens: valid.size,
    validAllowed,
    validRefused: valid.size - validAllowed,
    unregisteredReads: world.store.singleNames.filter((name) => name.includes('_Flood')).length,
    budgetRefusals: world.registry.reads().budgetRefusals,
    budget: BUDGET,
    reads: world.registry.reads(),
    seconds,
  };
}

/** The most unregistered-issuer reads the budget allows over `seconds`. */
export function floodReadBound(flood: Pick<UnregisteredFlood, 'budget' | 'seconds'>): number {
  return flood.budget.burst + Math.ceil(flood.budget.perSecond * flood.seconds);
}
