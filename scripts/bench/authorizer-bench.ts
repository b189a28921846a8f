/**
 * Section 1: the authorizer warm, in process, on the same RS256 tokens as its baselines.
 * One interleaved comparison holds the floor, aws-jwt-verify alone, the conventional
 * authorizer and our handler at 1, 100 and 1,000 registered pools, each with a fresh
 * verification per call (verified-token cache off) and with a token seen before (cache
 * on); the raw floor over as many keys as pools; new tokens on the cache-miss path; the
 * handler logging through the JSON line logger it ships; a shared-pool token of a tenant's
 * own app client (issue #21: provider and client records); and the handler without the
 * forced sign-out check. Everything else runs as deployed: with that check on. Afterwards, a clock moved
 * past a cached token's `exp` proves the cache still enforces it.
 */
import { createPublicKey } from 'node:crypto';
import { awsJwtVerifier, conventionalVerifier, rawVerifier, serveJwks } from './authorizer-baselines';
import { allMisses, DISTINCT_TOKENS, expiredCachedTokenRefused, missWorld } from './authorizer-checks';
import { type ColdBurst, coldBurst, type UnregisteredFlood, unregisteredFlood } from './authorizer-cold';
import {
  type AuthorizerWorld,
  authorizerWorld,
  benchPool,
  ownClientToken,
  poolEvents,
  poolToken,
} from './authorizer-world';
import { type Contender, compare, type Measurement, type MeasureOptions } from './measure';
import { createSigningKey } from './rs256-fixtures';
import { shippedLogger } from './shipped-logger';

export const POOL_COUNTS = [1, 100, 1000] as const;

export interface PoolScaling {
  readonly pools: number;
  /** Raw RS256 verify cycling through as many key objects as there are pools (CPU caches). */
  readonly floor: Measurement;
  readonly fresh: Measurement;
  readonly seen: Measurement;
}

export interface DistinctTokens {
  readonly tokens: number;
  readonly measurement: Measurement;
  /** Checked after timing: another pass over the tokens had no cache hit. */
  readonly allMisses: boolean;
}

export interface AuthorizerResults {
  readonly floor: Measurement;
  readonly awsJwtVerify: Measurement;
  readonly conventional: Measurement;
  /** Ours with 1, 100 and 1,000 pools; the 1-pool row is the headline. */
  readonly pools: readonly PoolScaling[];
  /** Distinct tokens with the cache on, every call a miss: what a new token costs in production. */
  readonly distinctTokens: DistinctTokens;
  /** 1 pool, logging through the JSON line logger the Lambda ships (output discarded). */
  readonly withLogging: { readonly fresh: Measurement; readonly seen: Measurement };
  /** 1 pool without the forced sign-out check (REVOCATION_TABLE_NAME unset). */
  readonly withoutSignOutCheck: { readonly fresh: Measurement; readonly seen: Measurement };
  /**
   * 1 shard of the shared pool, as deployed, a token of the tenant's own app client: its
   * tenant comes from the provider record and the client record must bind the client to it.
   */
  readonly sharedOwnClient: { readonly fresh: Measurement; readonly seen: Measurement };
  /** Cold instance: a burst over 1,000 registered pools, and a flood of unregistered pools. */
  readonly cold: { readonly burst: ColdBurst; readonly flood: UnregisteredFlood };
  readonly checks: {
    /** Parameter Store and JWKS calls made by our handler while it was being timed. */
    readonly storeCallsWhileTimed: number;
    readonly jwksFetchesWhileTimed: number;
    /** Revocations-table reads while timed (one per user per 30 s cache TTL at most). */
    readonly revocationReadsWhileTimed: number;
    /** Requests the conventional authorizer's jwks-rsa made to the loopback JWKS server. */
    readonly conventionalJwksRequests: number;
    /** A cached token past its `exp` was refused (within the cache TTL). */
    readonly expiredCachedTokenRefused: boolean;
  };
}

type Progress = (line: string) => void;

/** Verified-token cache off: every call verifies the token. */
const CACHE_OFF = { VERIFIED_TOKEN_TTL_SECONDS: '0' };

/** Cycles through `events` on each call. */
function cycling(world: AuthorizerWorld, events: readonly Record<string, unknown>[]) {
  let i = 0;
  return () => world.handler(events[i++ % events.length]);
}

/** Runs section 1. */
export async function benchAuthorizer(
  root: string,
  options: MeasureOptions,
  progress: Progress,
): Promise<AuthorizerResults> {
  progress('authorizer: generating RSA keys and tokens');
  const keys = Array.from({ length: 4 }, (_, i) => createSigningKey(`k${i}`));
  const maxPools = Math.max(...POOL_COUNTS);
  const allPools = Array.from({ length: maxPools }, (_, i) => benchPool(i, keys));
  const tokens = allPools.map((pool) => poolToken(pool));
  const first = allPools[0];
  const token = tokens[0];
  if (!first || !token) throw new Error('no pool');

  const jwks = await serveJwks([first.key]);
  const contenders: Contender[] = [];
  const raw = rawVerifier(first.key.publicKey);
  const aws = awsJwtVerifier(first.issuer, first.clientId, first.key);
  const conventional = conventionalVerifier(first.issuer, jwks.url);
  contenders.push(
    { name: 'floor', fn: () => raw(token) },
    { name: 'aws-jwt-verify', fn: () => aws(token) },
    { name: 'conventional', fn: () => conventional(token) },
  );
  const worlds: AuthorizerWorld[] = [];
  for (const pools of POOL_COUNTS.filter((n) => n > 1)) {
    // The same keys as the pools (one KeyObject each) and each pool's own token.
    const verifiers = allPools
      .slice(0, pools)
      .map((p) => rawVerifier(createPublicKey({ key: p.key.jwk, format: 'jwk' })));
    let i = 0;
    contenders.push({
      name: `floor@${pools}`,
      fn: () => {
        const n = i++ % pools;
        return (verifiers[n] as (t: string) => boolean)(tokens[n] as string);
      },
    });
  }
  const logger = await shippedLogger(root);
  for (const pools of POOL_COUNTS) {
    progress(`authorizer: warming the handler with ${pools} registered pool(s)`);
    // As deployed: forced sign-out check on, the shipped JSON line logger.
    const fresh = authorizerWorld({ pools, keys, env: CACHE_OFF, signOutCheck: true, logger });
    const seen = authorizerWorld({ pools, keys, signOutCheck: true, logger });
    const freshEvents = await poolEvents(fresh, tokens);
    const seenEvents = await poolEvents(seen, tokens);
    worlds.push(fresh, seen);
    contenders.push(
      { name: `fresh@${pools}`, fn: cycling(fresh, freshEvents) },
      { name: `seen@${pools}`, fn: cycling(seen, seenEvents) },
    );
  }
  const ownTokens = [ownClientToken(first)];
  const variants: Record<string, readonly [AuthorizerWorld, readonly string[]]> = {
    'fresh+log': [authorizerWorld({ pools: 1, keys, env: CACHE_OFF, signOutCheck: true, logger }), tokens],
    'seen+log': [authorizerWorld({ pools: 1, keys, signOutCheck: true, logger }), tokens],
    'fresh-check': [authorizerWorld({ pools: 1, keys, env: CACHE_OFF }), tokens],
    'seen-check': [authorizerWorld({ pools: 1, keys }), tokens],
    'fresh-own-client': [
      authorizerWorld({ pools: 1, keys, env: CACHE_OFF, signOutCheck: true, logger, ownClient: true }),
      ownTokens,
    ],
    'seen-own-client': [
      authorizerWorld({ pools: 1, keys, signOutCheck: true, logger, ownClient: true }),
      ownTokens,
    ],
  };
  for (const [name, [world, worldTokens]] of Object.entries(variants)) {
    contenders.push({ name, fn: cycling(world, await poolEvents(world, worldTokens)) });
    worlds.push(world);
  }
  const distinct = await missWorld(keys);
  worlds.push(distinct.world);
  contenders.push({ name: 'distinct', fn: cycling(distinct.world, distinct.events) });
  const callsBefore = worlds.map((w) => [w.store.calls, w.fetcher.calls, w.revocations.calls] as const);
  progress(`authorizer: timing ${contenders.length} contenders in ${options.rounds} interleaved rounds`);
  const results = await compare(contenders, options);
  const storeCallsWhileTimed = worlds.reduce(
    (sum, w, i) => sum + w.store.calls - (callsBefore[i]?.[0] ?? 0),
    0,
  );
  const jwksFetchesWhileTimed = worlds.reduce(
    (sum, w, i) => sum + w.fetcher.calls - (callsBefore[i]?.[1] ?? 0),
    0,
  );
  const revocationReadsWhileTimed = worlds.reduce(
    (sum, w, i) => sum + w.revocations.calls - (callsBefore[i]?.[2] ?? 0),
    0,
  );
  const conventionalJwksRequests = jwks.requests();
  await jwks.close();

  progress('authorizer: cold instance, a burst over 1,000 registered pools');
  const burst = await coldBurst(keys, tokens);
  progress('authorizer: cold instance, 10,000 unregistered pools among valid tokens');
  const flood = await unregisteredFlood(keys, tokens);
  progress('authorizer: checking the miss path and that exp is enforced on a cached token');
  const byName = new Map(results.map((r) => [r.name, r]));
  const get = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`missing measurement ${name}`);
    return found;
  };
  return {
    floor: get('floor'),
    awsJwtVerify: get('aws-jwt-verify'),
    conventional: get('conventional'),
    pools: POOL_COUNTS.map((pools) => ({
      pools,
      floor: get(pools === 1 ? 'floor' : `floor@${pools}`),
      fresh: get(`fresh@${pools}`),
      seen: get(`seen@${pools}`),
    })),
    distinctTokens: {
      tokens: DISTINCT_TOKENS,
      measurement: get('distinct'),
      allMisses: await allMisses(distinct.world, distinct.events),
    },
    withLogging: { fresh: get('fresh+log'), seen: get('seen+log') },
    withoutSignOutCheck: { fresh: get('fresh-check'), seen: get('seen-check') },
    sharedOwnClient: { fresh: get('fresh-own-client'), seen: get('seen-own-client') },
    cold: { burst, flood },
    checks: {
      storeCallsWhileTimed,
      jwksFetchesWhileTimed,
      revocationReadsWhileTimed,
      conventionalJwksRequests,
      expiredCachedTokenRefused: await expiredCachedTokenRefused(keys),
    },
  };
}
