/**
 * Tenant states nobody owns any more: a tenant taken out of a tenant-stacks file leaves its
 * stack's state, and the pool, IdP, client and registry records in it stay live (its users can
 * still sign in), because no synthesized stack plans that state again. `deploy` refuses while
 * such a state holds resources and names the fix: list the tenant in `retiredTenants`, whose
 * empty stack destroys them (tenant-stack.ts), or put it back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { stateLocation, tenantStateKey, tenantStatesPrefix } from './backend';
import { stateClient } from './bootstrap';
import { tenantStackName } from './stack-layout';

/** A tenant state the file neither lists nor retires, and how many managed resources it holds. */
export interface UnlistedTenantState {
  readonly tenantId: string;
  readonly resources: number;
}

/** A tenant state that is not a Terraform state document: it might hide a live tenant. */
export class DamagedTenantStateError extends Error {
  override readonly name = 'DamagedTenantStateError';
}

/** Managed resources in a state document (0 for an empty object); throws for anything that is not one. */
export function managedResources(text: string, where = 'state'): number {
  if (text.trim() === '') return 0;
  let resources: unknown;
  try {
    resources = (JSON.parse(text) as { resources?: unknown }).resources ?? [];
  } catch {
    throw new DamagedTenantStateError(`${where} is not JSON`);
  }
  if (!Array.isArray(resources)) throw new DamagedTenantStateError(`${where} has no resources list`);
  return resources.filter((r: { mode?: unknown }) => r?.mode === 'managed').length;
}

/** Tenant ids in state keys (`<prefix><id>/terraform.tfstate`) that are neither tenants nor retired. */
export function unlistedTenantIds(
  env: Pick<ResolvedEnvironment, 'tenants' | 'retiredTenants'>,
  ids: readonly string[],
): string[] {
  const known = new Set([...env.tenants.map((t) => t.id), ...env.retiredTenants]);
  return [...new Set(ids)].filter((id) => !known.has(id)).sort();
}

interface TenantStates {
  readonly ids: readonly string[];
  readonly read: (id: string) => Promise<string>;
  readonly close: () => void;
}

type StateReader = Omit<TenantStates, 'ids'>;
type Location = NonNullable<ReturnType<typeof stateLocation>>;

function remoteStateReader(location: Location, prefix: string): StateReader & { s3: S3Client } {
  const s3 = stateClient(location.region);
  const read = async (id: string) => {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: `${prefix}${id}/terraform.tfstate` }),
    );
    return (await object.Body?.transformToString()) ?? '';
  };
  return { s3, read, close: () => s3.destroy() };
}

function localStateReader(
  env: ResolvedEnvironment,
  out: string,
): StateReader & { dir: string; head: string } {
  const dir = join(out, '..');
  const head = `terraform.${tenantStackName(env.environment, '')}`;
  return {
    dir,
    head,
    read: async (id) => readFileSync(join(dir, `${head}${id}.tfstate`), 'utf8'),
    close: () => {},
  };
}

/** Reads tenant states by id (S3, or local beside `out`) without listing them; close it after. */
export function tenantStateReader(env: ResolvedEnvironment, out: string): StateReader {
  const location = stateLocation(env);
  return location === undefined
    ? localStateReader(env, out)
    : remoteStateReader(location, tenantStatesPrefix(location.key));
}

async function remoteTenantStates(
  location: Location,
  prefix = tenantStatesPrefix(location.key),
): Promise<TenantStates> {
  const { s3, read, close } = remoteStateReader(location, prefix);
  const ids: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const { Key } of page.Contents ?? []) {
        const match = Key?.slice(prefix.length).match(/^([^/]+)\/terraform\.tfstate$/);
        if (match?.[1] !== undefined) ids.push(match[1]);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } catch (error) {
    close(); // the caller gets no handle to close when the listing fails
    throw error;
  }
  return { ids, read, close };
}

/** Local states beside the output folder (backend.ts: `terraform.<stack>.tfstate`). */
function localTenantStates(env: ResolvedEnvironment, out: string): TenantStates {
  const { dir, head, read, close } = localStateReader(env, out);
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const ids = files.flatMap((file) =>
    file.startsWith(head) && file.endsWith('.tfstate') ? [file.slice(head.length, -'.tfstate'.length)] : [],
  );
  return { ids, read, close };
}

/** Tenant states with resources among those `pick` chooses from the ids found (local or S3), by id. */
async function tenantStatesWithResources(
  env: ResolvedEnvironment,
  out: string,
  pick: (ids: readonly string[]) => string[],
): Promise<UnlistedTenantState[]> {
  if (!env.tenantStacks) return [];
  const location = stateLocation(env);
  const states = location === undefined ? localTenantStates(env, out) : await remoteTenantStates(location);
  try {
    const found: UnlistedTenantState[] = [];
    for (const tenantId of pick(states.ids)) {
      const resources = managedResources(await states.read(tenantId), `the state of tenant ${tenantId}`);
      if (resources > 0) found.push({ tenantId, resources });
    }
    return found;
  } finally {
    states.close();
  }
}

/** Tenant states with resources that the file neither lists nor retires (tenant-stacks environments). */
export function unlistedTenantStates(env: ResolvedEnvironment, out: string): Promise<UnlistedTenantState[]> {
  return tenantStatesWithResources(env, out, (ids) => unlistedTenantIds(env, ids));
}

/** Every tenant state that still holds resources, listed, retired or neither: what must go before the platform. */
export function liveTenantStates(env: ResolvedEnvironment, out: string): Promise<UnlistedTenantState[]> {
  return tenantStatesWithResources(env, out, (ids) => [...new Set(ids)].sort());
}

/** The refusal `deploy` prints for unlisted tenant states, or undefined when there are none. */
export function unlistedRefusal(
  env: Pick<ResolvedEnvironment, 'environment'>,
  states: readonly UnlistedTenantState[],
): string | undefined {
  if (states.length === 0) return undefined;
  const listed = states.map((s) => `${s.tenantId} (${s.resources} resources)`).join(', ');
  const ids = JSON.stringify(states.map((s) => s.tenantId));
  return `tenant states of ${env.environment} hold resources of tenants the file no longer lists: ${listed}. Their pools, IdPs, clients and registry records are still live, so their users can still sign in. Destroy them with this deploy by adding "retiredTenants": ${ids} to the file, or put the tenants back`;
}

/**
 * Before 2026-12-06 a tenant's state sat in `<folder>/tenants/` beside any environment key; beside
 * a key not named `terraform.tfstate` it now sits in a folder named after the key (backend.ts).
 * The `aws s3 mv` commands for this environment's tenants still at the old place (S3 only).
 */
export async function misplacedTenantStates(env: ResolvedEnvironment): Promise<string[]> {
  const location = stateLocation(env);
  if (!env.tenantStacks || location === undefined) return [];
  const slash = location.key.lastIndexOf('/');
  const legacy = `${slash < 0 ? '' : location.key.slice(0, slash + 1)}tenants/`;
  if (legacy === tenantStatesPrefix(location.key)) return [];
  const states = await remoteTenantStates(location, legacy);
  states.close();
  const ours = new Set([...env.tenants.map((t) => t.id), ...env.retiredTenants]);
  const bucket = `s3://${location.bucket}/`;
  return states.ids
    .filter((id) => ours.has(id))
    .map(
      (id) =>
        `aws s3 mv ${bucket}${legacy}${id}/terraform.tfstate ${bucket}${tenantStateKey(location.key, id)}`,
    );
}
