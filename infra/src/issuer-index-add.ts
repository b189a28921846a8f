/**
 * The issuer index after onboarding (issue #21): `deploy --tenant <id>` knows the pools it just
 * applied, so it adds them to the index it reads instead of rebuilding the index from every
 * issuer record. The rebuild lists `<prefix>/issuers/*` at 10 parameters per call: 71 calls at
 * 1,000 tenants, from the same SSM read throughput that config-resolver and the authorizer
 * spend on sign-in. Adding reads only the index (10 shards per call, 100 pools per shard), so
 * onboarding makes one SSM read at any N up to 1,000 dedicated pools.
 *
 * The index is a hint, so adding is safe where it is approximate:
 *   - a pool listed without an issuer record (a replaced or retired pool) costs the authorizer a
 *     metered read that finds nothing: 401, as for any unknown pool; the next full rebuild
 *     (`deploy <env>`, `sync-issuer-index`) drops it;
 *   - two onboardings at once would each write a shard without the other's pool: callers hold
 *     the index lock (issuer-index-lock.ts) around it, as deploy-issuer-index.ts does.
 * An index that is missing, damaged or inconsistent is rebuilt in full: adding to it would keep
 * the authorizer metering every pool.
 */
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import { issuerIndexParameterName, registryPrefix } from '@cognito-tenancy/registry/keys';
import { parseIssuerIndexRecord } from '@cognito-tenancy/registry/records';
import {
  currentIssuerIndex,
  type IssuerIndexClient,
  type IssuerIndexSync,
  type SyncIssuerIndexOptions,
  syncIssuerIndex,
  writeIssuerIndex,
} from './issuer-index-sync';

/** What adding did; `rebuilt` says why the index was rebuilt in full instead. */
export interface IssuerIndexAdd extends IssuerIndexSync {
  readonly rebuilt?: string;
}

/**
 * The pools the index lists now, or what is wrong with it: no shard 0, a shard that does not
 * parse or sits under another number, shards that disagree on the count, or a missing shard.
 */
export function listedPools(
  shards: ReadonlyMap<string, string | undefined>,
  shardName: (shard: number) => string,
): string[] | { readonly problem: string } {
  const first = shards.get(shardName(0));
  if (first === undefined) return { problem: 'it has no shard 0' };
  const pools: string[] = [];
  let count: number | undefined;
  for (const [name, value] of shards) {
    let record: ReturnType<typeof parseIssuerIndexRecord>;
    let named: string;
    try {
      record = parseIssuerIndexRecord(JSON.parse(value ?? ''));
      named = shardName(record.shard); // throws beyond shard 999
    } catch {
      return { problem: `${name} is damaged` };
    }
    if (named !== name) return { problem: `${name} says it is shard ${record.shard}` };
    if (count !== undefined && record.shards !== count)
      return { problem: 'its shards disagree on the count' };
    count = record.shards;
    pools.push(...record.userPoolIds);
  }
  if (shards.size !== count) return { problem: `it has ${shards.size} shards, they say ${count}` };
  return pools;
}

/**
 * Adds `poolIds` to the index under `prefix`: one listing of the index, then only the shards
 * that change are written (shard 0 last). Throws for a malformed pool id or prefix before any
 * call; SSM errors propagate.
 */
export async function addToIssuerIndex(
  ssm: IssuerIndexClient,
  prefix: string,
  poolIds: readonly string[],
  options: SyncIssuerIndexOptions = {},
): Promise<IssuerIndexAdd> {
  const root = registryPrefix(prefix);
  const log = options.log ?? (() => {});
  for (const id of poolIds)
    if (!USER_POOL_ID.test(id)) throw new Error(`addToIssuerIndex: '${id}' is not a user pool id`);
  const current = await currentIssuerIndex(ssm, root);
  const listed = listedPools(current, (shard) => issuerIndexParameterName(root, shard));
  if (!Array.isArray(listed)) {
    log(`issuer index: ${listed.problem}; rebuilt from the issuer records`);
    return { ...(await syncIssuerIndex(ssm, prefix, options)), rebuilt: listed.problem };
  }
  // Appended, not sorted in: one shard written while the last has room (the authorizer reads a
  // set; a sorted insert would rewrite every shard after the new pool's place).
  const pools = [...new Set([...listed, ...poolIds])];
  const { shards, written, deleted } = await writeIssuerIndex(ssm, root, pools, current, log);
  return { pools: pools.length, shards, written, deleted, skipped: [] };
}
