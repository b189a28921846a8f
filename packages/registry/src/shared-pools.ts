/**
 * Shards of the shared pool (`shared-00`, `shared-01`, ...). Cognito allows 300 identity
 * providers per user pool and every shared tenant is one IdP, so shared tenants are spread
 * over several pools. A tenant's shard is written in its entry (`sharedPool`) and never
 * changes once assigned: moving a tenant would move its users to another pool.
 *
 * Shard `shared-00` is the pool that existed before sharding: it keeps the unsuffixed
 * domain prefix, pool name, resource addresses and record ids, so an existing environment
 * plans no change. Every other shard `shared-NN` appends `-NN` to each of them.
 */
import type { Tenant } from './environment-schema';

/** A shard name as the tenant file writes it. */
export const SHARED_POOL_SHARD = /^shared-[0-9]{2}$/;

/**
 * The shard of a shared tenant whose entry names none. Never change it: files written
 * before sharding name no shard, and their tenants are in this pool.
 */
export const DEFAULT_SHARED_POOL = 'shared-00';

/** Cognito's quota of identity providers per user pool: one per shared tenant. */
export const MAX_TENANTS_PER_SHARED_POOL = 300;

/** The shard of a shared tenant (its `sharedPool`, else {@link DEFAULT_SHARED_POOL}). */
export function sharedPoolOf(tenant: Pick<Tenant, 'sharedPool'>): string {
  return tenant.sharedPool ?? DEFAULT_SHARED_POOL;
}

/** `''` for `shared-00`, `-NN` for `shared-NN`: what the shard appends to names and ids. */
export function shardSuffix(shard: string): string {
  return shard === DEFAULT_SHARED_POOL ? '' : `-${shard.slice('shared-'.length)}`;
}

/** The Cognito domain prefix of a shard, from the environment's `sharedPool.domainPrefix`. */
export function shardDomainPrefix(domainPrefix: string, shard: string): string {
  return `${domainPrefix}${shardSuffix(shard)}`;
}

/** The deploy output of a shard's pool: `shared_pool` (shared-00, as before sharding), `shared_pool_NN`. */
export function sharedPoolOutputName(shard: string): string {
  return `shared_pool${shardSuffix(shard).replace('-', '_')}`;
}

/** The shared tenants of each shard that has any, in shard order (tenants in file order). */
export function sharedPoolShards<T extends Pick<Tenant, 'pattern' | 'sharedPool'>>(
  tenants: readonly T[],
): Map<string, T[]> {
  const shards = new Map<string, T[]>();
  for (const tenant of tenants) {
    if (tenant.pattern !== 'shared') continue;
    const shard = sharedPoolOf(tenant);
    shards.set(shard, [...(shards.get(shard) ?? []), tenant]);
  }
  return new Map([...shards].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The shard a new shared tenant goes to: the lowest-numbered shard that has fewer than
 * {@link MAX_TENANTS_PER_SHARED_POOL} shared tenants, else the lowest unused number.
 * Existing tenants keep theirs: assignment only ever looks at how full shards are.
 * Undefined when all 100 shards are full.
 */
export function nextSharedPool(
  tenants: readonly Pick<Tenant, 'pattern' | 'sharedPool'>[],
): string | undefined {
  const shards = sharedPoolShards(tenants);
  for (const [shard, members] of shards) {
    if (members.length < MAX_TENANTS_PER_SHARED_POOL) return shard;
  }
  for (let n = 0; n < 100; n += 1) {
    const shard = `shared-${String(n).padStart(2, '0')}`;
    if (!shards.has(shard)) return shard;
  }
  return undefined;
}
