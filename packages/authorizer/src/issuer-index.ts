/**
 * The issuer index infra writes next to the issuer records (`<prefix>/issuer-index/<n>`,
 * 100 pool ids per shard): which pools are registered, read with one `GetParameters`
 * call for up to 1,000 pools. A hint, never a trust anchor: it only decides whether a
 * missing issuer record is loaded in a batch (registered pool) or against the lookup
 * budget (unknown pool); trust still comes from the issuer record itself.
 */
import { issuerIndexParameterName } from '@cognito-tenancy/registry/keys';
import { parseIssuerIndexRecord, RecordFormatError } from '@cognito-tenancy/registry/records';
import { GET_PARAMETERS_BATCH } from './parameter-batcher';
import type { ParameterStore } from './registry-reader';

/** The registered pools, as the index lists them. */
export interface IssuerIndex {
  readonly pools: ReadonlySet<string>;
  /** Same pools, in the index's order (read-ahead walks it). */
  readonly list: readonly string[];
}

function shardNames(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => issuerIndexParameterName(prefix, from + i));
}

/**
 * Reads the index: one call for up to 10 shards, one more per further 10. `undefined`
 * when no index is written (an older deployment); throws {@link RecordFormatError} when a
 * shard is damaged or missing.
 */
export async function readIssuerIndex(
  store: ParameterStore,
  prefix: string,
): Promise<IssuerIndex | undefined> {
  const first = shardNames(prefix, 0, GET_PARAMETERS_BATCH);
  const values = new Map(await store.getParameters(first));
  const head = values.get(first[0] as string);
  if (head === undefined) return undefined;
  const shards = parseIssuerIndexRecord(JSON.parse(head)).shards;
  for (let from = GET_PARAMETERS_BATCH; from < shards; from += GET_PARAMETERS_BATCH) {
    const more = await store.getParameters(
      shardNames(prefix, from, Math.min(shards, from + GET_PARAMETERS_BATCH)),
    );
    for (const [name, value] of more) values.set(name, value);
  }
  const list: string[] = [];
  for (const [shard, name] of shardNames(prefix, 0, shards).entries()) {
    const raw = values.get(name);
    const record = raw === undefined ? undefined : parseIssuerIndexRecord(JSON.parse(raw));
    if (!record || record.shard !== shard || record.shards !== shards) {
      throw new RecordFormatError('issuer index record', 'shard');
    }
    list.push(...record.userPoolIds);
  }
  return { pools: new Set(list), list };
}
