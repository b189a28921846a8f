/**
 * The issuer index after `deploy` in a tenant-stacks environment: tenant stacks write issuer
 * records, never the index, so the deploy tool keeps it current once the applies are done.
 *   - `deploy --tenant <id>...` that left the platform out and retired nobody adds the applied
 *     tenants' pools to the index (issuer-index-add.ts): one SSM read at any N. The pool ids
 *     come from each tenant's `tenant` output in its state, which the apply just wrote.
 *   - Any other deploy (the fleet, the platform applied, a tenant retired) rebuilds the index
 *     from every issuer record (issuer-index-sync.ts): a retired pool must leave it, and the
 *     platform owns the shards' issuer records.
 * Either way under the index lock (issuer-index-lock.ts), so concurrent deploys take turns.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import { addToIssuerIndex, type IssuerIndexAdd } from './issuer-index-add';
import { type IssuerIndexLockOptions, withIssuerIndexLock } from './issuer-index-lock';
import { type IssuerIndexClient, syncIssuerIndex } from './issuer-index-sync';
import { issuerIndexSummary } from './sync-issuer-index';
import { tenantStateReader } from './tenant-states';

export interface IndexAfterDeploy {
  readonly environment: ResolvedEnvironment;
  /** The synthesized output folder (local states sit beside it). */
  readonly out: string;
  /** The `--tenant` ids of the deploy; none for a fleet deploy. */
  readonly tenants: readonly string[];
  readonly platformApplied: boolean;
  /** The SSM client for the environment's region (default: an `SSMClient` with default credentials). */
  readonly client?: (region: string) => IssuerIndexClient;
  /** The index lock's timing (issuer-index-lock.ts; tests shorten it). */
  readonly lock?: Omit<IssuerIndexLockOptions, 'log'>;
  readonly write: (line: string) => void;
}

/** The pool id in a tenant state's `tenant` output, or undefined when it has none. */
export function tenantPoolOf(stateText: string): string | undefined {
  let pool: unknown;
  try {
    pool = (JSON.parse(stateText) as { outputs?: { tenant?: { value?: { user_pool_id?: unknown } } } })
      ?.outputs?.tenant?.value?.user_pool_id;
  } catch {
    return undefined;
  }
  return typeof pool === 'string' && USER_POOL_ID.test(pool) ? pool : undefined;
}

/** Why this deploy needs a full rebuild, or the applied tenants' pool ids. */
async function poolsToAdd(options: IndexAfterDeploy): Promise<string[] | { readonly why: string }> {
  const { environment: env, tenants } = options;
  if (tenants.length === 0) return { why: 'a deploy of the whole environment' };
  if (options.platformApplied) return { why: 'the platform stack was applied' };
  const retired = tenants.filter((id) => env.retiredTenants.includes(id));
  if (retired.length > 0) return { why: `retired: ${retired.join(', ')}` };
  const states = tenantStateReader(env, options.out);
  try {
    const pools: string[] = [];
    for (const id of tenants) {
      const pool = tenantPoolOf(await states.read(id).catch(() => ''));
      if (pool === undefined) return { why: `the state of tenant ${id} has no pool id in its tenant output` };
      pools.push(pool);
    }
    return pools;
  } finally {
    states.close();
  }
}

/** Adds or rebuilds (see the module comment), then prints the summary line and how it was done. */
export async function updateIssuerIndexAfterDeploy(options: IndexAfterDeploy): Promise<IssuerIndexAdd> {
  const { region, registryPrefix } = options.environment;
  const own = options.client === undefined ? new SSMClient({ region }) : undefined;
  const ssm = own ?? (options.client as (region: string) => IssuerIndexClient)(region);
  const log = { log: options.write };
  try {
    const pools = await poolsToAdd(options);
    // One writer at a time: two onboardings at once would each drop the other's pool.
    const { result, how } = await withIssuerIndexLock(
      ssm,
      registryPrefix,
      async () => {
        if (!Array.isArray(pools)) {
          const rebuilt: IssuerIndexAdd = await syncIssuerIndex(ssm, registryPrefix, log);
          return { result: rebuilt, how: `rebuilt from the issuer records: ${pools.why}` };
        }
        const added = await addToIssuerIndex(ssm, registryPrefix, pools, log);
        const how =
          added.rebuilt === undefined
            ? `added the pools of ${options.tenants.join(', ')}`
            : `rebuilt from the issuer records: ${added.rebuilt}`;
        return { result: added, how };
      },
      { ...options.lock, log: options.write },
    );
    options.write(`${issuerIndexSummary(result)} (${how})`);
    return result;
  } finally {
    own?.destroy();
  }
}
