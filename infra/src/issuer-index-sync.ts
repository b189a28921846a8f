/**
 * Rebuilds the issuer index (`<prefix>/issuer-index/<n>`) from the issuer records
 * (`<prefix>/issuers/<poolId>`) that are in SSM, for the deploy tool to run after the applies
 * once tenants live in their own Terraform stacks (issue #21): a new tenant then changes no
 * platform resource.
 *
 * The index is a hint (an unlisted pool costs the authorizer a metered read, never a refusal),
 * so a damaged issuer record is skipped and reported, never a reason to stop. Order of work:
 *   1. list and parse every issuer record; sort the pool ids (stable output);
 *   2. build the shards with `issuerIndexParameters` (the sharding of registry-entries);
 *   3. write only the shards whose record differs: shards >= 1 first, shard 0 last, because
 *      shard 0 carries `shards` and a reader must never see a count pointing at unwritten shards;
 *   4. delete the shards beyond the new count.
 * A second run in a row writes and deletes nothing.
 */
import {
  DeleteParametersCommand,
  GetParametersByPathCommand,
  type Parameter,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import {
  issuerIndexParameterName,
  issuerParameterName,
  issuersPath,
  registryPrefix,
} from '@cognito-tenancy/registry/keys';
import {
  type IssuerIndexRecord,
  parseIssuerIndexRecord,
  parseIssuerRecord,
  RecordFormatError,
} from '@cognito-tenancy/registry/records';
import { issuerIndexParameters } from '@cognito-tenancy/registry/registry-entries';

/** The SSM calls the sync makes: an `SSMClient`, or an in-memory fake in tests. */
export type IssuerIndexClient = Pick<SSMClient, 'send'>;

/** An issuer parameter left out of the index, and why. */
export interface SkippedIssuer {
  readonly name: string;
  readonly reason: string;
}

/** What one sync found and did. */
export interface IssuerIndexSync {
  /** Pools listed in the index. */
  readonly pools: number;
  readonly shards: number;
  /** Shard numbers written, in the order written (shard 0 last). */
  readonly written: readonly number[];
  /** Parameter names deleted (shards beyond the new count). */
  readonly deleted: readonly string[];
  readonly skipped: readonly SkippedIssuer[];
}

export interface SyncIssuerIndexOptions {
  /** One line per shard written or deleted and per issuer record skipped. */
  readonly log?: (line: string) => void;
}

/** DeleteParameters takes at most 10 names per call. */
const DELETE_BATCH = 10;

/** Every parameter directly under `path` (one level), all pages. */
async function parametersUnder(ssm: IssuerIndexClient, path: string): Promise<Parameter[]> {
  const parameters: Parameter[] = [];
  let token: string | undefined;
  do {
    const page = await ssm.send(
      new GetParametersByPathCommand({
        Path: path,
        Recursive: false,
        ...(token === undefined ? {} : { NextToken: token }),
      }),
    );
    parameters.push(...(page.Parameters ?? []));
    token = page.NextToken;
  } while (token);
  return parameters;
}

/** The pool id of one issuer parameter, or why it is left out. */
function poolOf(prefix: string, name: string, value: string | undefined): string | SkippedIssuer {
  let record: ReturnType<typeof parseIssuerRecord>;
  try {
    record = parseIssuerRecord(JSON.parse(value ?? ''));
  } catch (error) {
    if (error instanceof SyntaxError) return { name, reason: 'value is not JSON' };
    if (error instanceof RecordFormatError) return { name, reason: error.message };
    throw error;
  }
  // The authorizer reads the record by pool id: listed under another name, nobody would find it.
  if (issuerParameterName(prefix, record.userPoolId) !== name) {
    return { name, reason: `userPoolId '${record.userPoolId}' differs from the parameter name` };
  }
  return record.userPoolId;
}

function sameRecord(value: string | undefined, wanted: IssuerIndexRecord): boolean {
  if (value === undefined) return false;
  let current: IssuerIndexRecord;
  try {
    current = parseIssuerIndexRecord(JSON.parse(value));
  } catch {
    return false; // a damaged shard is rewritten
  }
  return (
    current.shard === wanted.shard &&
    current.shards === wanted.shards &&
    current.userPoolIds.length === wanted.userPoolIds.length &&
    current.userPoolIds.every((id, i) => id === wanted.userPoolIds[i])
  );
}

/**
 * Makes `<prefix>/issuer-index/*` list exactly the pools whose issuer record is valid. Throws
 * `RegistryKeyError` for an invalid `prefix` before any call; SSM errors propagate.
 */
export async function syncIssuerIndex(
  ssm: IssuerIndexClient,
  prefix: string,
  options: SyncIssuerIndexOptions = {},
): Promise<IssuerIndexSync> {
  const root = registryPrefix(prefix);
  const log = options.log ?? (() => {});

  const pools: string[] = [];
  const skipped: SkippedIssuer[] = [];
  for (const { Name: name, Value: value } of await parametersUnder(ssm, issuersPath(root))) {
    if (name === undefined) continue;
    const pool = poolOf(root, name, value);
    if (typeof pool === 'string') pools.push(pool);
    else {
      skipped.push(pool);
      log(`skipped ${pool.name}: ${pool.reason}`);
    }
  }
  pools.sort();
  const { shards, written, deleted } = await writeIssuerIndex(
    ssm,
    root,
    pools,
    await currentIssuerIndex(ssm, root),
    log,
  );
  return { pools: pools.length, shards, written, deleted, skipped };
}

/** The index's shard parameters as they are now: name -> value (other names under its folder left out). */
export async function currentIssuerIndex(
  ssm: IssuerIndexClient,
  root: string,
): Promise<Map<string, string | undefined>> {
  return new Map(
    (await parametersUnder(ssm, issuerIndexPath(root))).flatMap((p) =>
      p.Name === undefined || !isShardName(root, p.Name) ? [] : [[p.Name, p.Value]],
    ),
  );
}

/**
 * Makes the index list `pools`, in that order, over `current` (currentIssuerIndex): writes only the
 * shards that differ, shard 0 last, then deletes the shards beyond the new count.
 */
export async function writeIssuerIndex(
  ssm: IssuerIndexClient,
  root: string,
  pools: readonly string[],
  current: ReadonlyMap<string, string | undefined>,
  log: (line: string) => void,
): Promise<{ shards: number; written: number[]; deleted: string[] }> {
  const wanted = issuerIndexParameters(root, [...pools]);
  const written: number[] = [];
  // Shard 0 last: it carries `shards`, so the count never names a shard not yet written.
  for (const entry of [...wanted.slice(1), ...wanted.slice(0, 1)]) {
    const record = entry.record as IssuerIndexRecord;
    if (sameRecord(current.get(entry.name), record)) continue;
    await ssm.send(
      new PutParameterCommand({
        Name: entry.name,
        Value: entry.value,
        Type: 'String',
        Tier: 'Standard',
        Overwrite: true,
        Description: `cognito-tenancy ${entry.kind} record`,
      }),
    );
    written.push(record.shard);
    log(`wrote ${entry.name} (${record.userPoolIds.length} pools)`);
  }

  const kept = new Set(wanted.map((entry) => entry.name));
  const stale = [...current.keys()].filter((name) => !kept.has(name));
  const deleted = await deleteShards(ssm, stale, log);
  return { shards: wanted.length, written, deleted };
}

/** The index's folder: keys.ts builds shard names only, so shard 0's name without its last segment. */
function issuerIndexPath(root: string): string {
  const shard0 = issuerIndexParameterName(root, 0);
  return shard0.slice(0, shard0.lastIndexOf('/'));
}

/** Only names that are shard names (`<n>`, as keys.ts writes them); anything else there is not ours. */
function isShardName(root: string, name: string): boolean {
  const shard = Number(name.slice(issuerIndexPath(root).length + 1));
  return (
    Number.isSafeInteger(shard) &&
    shard >= 0 &&
    shard <= 999 &&
    issuerIndexParameterName(root, shard) === name
  );
}

async function deleteShards(ssm: IssuerIndexClient, names: string[], log: (line: string) => void) {
  names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const deleted: string[] = [];
  for (let i = 0; i < names.length; i += DELETE_BATCH) {
    const result = await ssm.send(new DeleteParametersCommand({ Names: names.slice(i, i + DELETE_BATCH) }));
    // A name already gone (another run deleted it) is not an error: the outcome is the same.
    for (const name of result.DeletedParameters ?? []) {
      deleted.push(name);
      log(`deleted ${name}`);
    }
  }
  return deleted;
}

/**
 * After a tenant-stacks platform is destroyed: deletes every shard of the index (the deploy tool
 * writes them outside Terraform, so no destroy removes them). Returns the names deleted.
 */
export async function deleteIssuerIndex(
  ssm: IssuerIndexClient,
  prefix: string,
  options: SyncIssuerIndexOptions = {},
): Promise<string[]> {
  const root = registryPrefix(prefix);
  const names = [...(await currentIssuerIndex(ssm, root)).keys()];
  return deleteShards(ssm, names, options.log ?? (() => {}));
}
