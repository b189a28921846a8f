/**
 * Onboarding adds its pool to the issuer index (issuer-index-add.ts) with one listing of the
 * index, where the full rebuild lists every issuer record: the SSM reads of `deploy --tenant`
 * must not grow with the number of tenants (issue #21: <= 3 registry reads per onboarding).
 */
import { describe, expect, it } from '@jest/globals';
import { addToIssuerIndex } from '../../src/issuer-index-add';
import { syncIssuerIndex } from '../../src/issuer-index-sync';
import { FakeSsm, issuerRecord } from '../support/fake-ssm';

const PREFIX = '/cognito-tenancy/test';
const INDEX = `${PREFIX}/issuer-index`;

const poolId = (n: number) => `eu-west-1_P${String(n).padStart(4, '0')}`;
const pools = (count: number, from = 0) => Array.from({ length: count }, (_, i) => poolId(from + i));

/** A store with an issuer record for each of `ids` and the index the full sync writes for them. */
async function indexedStore(ids: readonly string[]): Promise<FakeSsm> {
  const ssm = new FakeSsm();
  for (const id of ids) ssm.put(`${PREFIX}/issuers/${id}`, issuerRecord(id));
  await syncIssuerIndex(ssm.client(), PREFIX);
  ssm.calls.length = 0;
  return ssm;
}

const reads = (ssm: FakeSsm) => ssm.calls.filter((call) => call.op === 'list').length;
/** The pools the index lists, shard by shard. */
const listed = (ssm: FakeSsm) =>
  [...ssm.parameters.keys()]
    .filter((name) => name.startsWith(`${INDEX}/`))
    .map((name) => ssm.json(name) as { shard: number; userPoolIds: string[] })
    .sort((a, b) => a.shard - b.shard)
    .flatMap((record) => record.userPoolIds);

describe('addToIssuerIndex', () => {
  it('adds a pool to a 1,000-pool index with one read, where the rebuild reads 103 times', async () => {
    const ssm = await indexedStore(pools(1000, 1));
    ssm.put(`${PREFIX}/issuers/${poolId(9999)}`, issuerRecord(poolId(9999)));

    const result = await addToIssuerIndex(ssm.client(), PREFIX, [poolId(9999)]);

    expect(reads(ssm)).toBe(1);
    // Sorted last: the 1,001st pool opens shard 10, and every shard's count changes (shard 0 last).
    expect(result).toEqual({
      pools: 1001,
      shards: 11,
      written: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0],
      deleted: [],
      skipped: [],
    });
    expect(ssm.json(`${INDEX}/10`)).toEqual({ shard: 10, shards: 11, userPoolIds: [poolId(9999)] });
    // The same index as a rebuild from the issuer records, at 101 reads.
    const rebuilt = await indexedStore([...pools(1000, 1), poolId(9999)]);
    await syncIssuerIndex(rebuilt.client(), PREFIX);
    expect(reads(rebuilt)).toBe(103); // 101 pages of issuer records, 2 of index shards
    expect(listed(ssm)).toEqual(listed(rebuilt));
  });

  it('appends a new pool to the last shard: one write while that shard has room', async () => {
    const ssm = await indexedStore(pools(250, 1));

    const result = await addToIssuerIndex(ssm.client(), PREFIX, [poolId(150)]); // already listed
    expect(result.written).toEqual([]);
    const added = await addToIssuerIndex(ssm.client(), PREFIX, ['eu-west-1_P0150a']);

    // It sorts into shard 1; appended, it leaves shards 0 and 1 as they were.
    expect(added).toMatchObject({ pools: 251, shards: 3, written: [2], deleted: [] });
    expect(ssm.writes()).toEqual([`put ${INDEX}/2`]);
    expect((ssm.json(`${INDEX}/2`) as { userPoolIds: string[] }).userPoolIds.at(-1)).toBe('eu-west-1_P0150a');
    expect(reads(ssm)).toBe(2);
  });

  it('keeps the pools it lists even when their issuer record is gone (the next rebuild drops them)', async () => {
    const ssm = await indexedStore(pools(3, 1));
    ssm.parameters.delete(`${PREFIX}/issuers/${poolId(2)}`);
    ssm.put(`${PREFIX}/issuers/${poolId(7)}`, issuerRecord(poolId(7)));

    const result = await addToIssuerIndex(ssm.client(), PREFIX, [poolId(7)]);

    expect(result.pools).toBe(4);
    expect(listed(ssm)).toEqual([poolId(1), poolId(2), poolId(3), poolId(7)]);
    const rebuilt = await syncIssuerIndex(ssm.client(), PREFIX);
    expect(rebuilt.pools).toBe(3);
    expect(listed(ssm)).not.toContain(poolId(2));
  });

  it.each([
    [
      'no index at all',
      (ssm: FakeSsm) => {
        for (const n of [0, 1, 2]) ssm.parameters.delete(`${INDEX}/${n}`);
      },
      'it has no shard 0',
    ],
    ['a damaged shard', (ssm: FakeSsm) => ssm.put(`${INDEX}/1`, '{"shard":1'), `${INDEX}/1 is damaged`],
    [
      'a shard filed under another number',
      (ssm: FakeSsm) => ssm.put(`${INDEX}/1`, { shard: 2, shards: 3, userPoolIds: [] }),
      `${INDEX}/1 says it is shard 2`,
    ],
    [
      'shards that disagree on the count',
      (ssm: FakeSsm) => ssm.put(`${INDEX}/1`, { shard: 1, shards: 2, userPoolIds: [] }),
      'its shards disagree on the count',
    ],
    ['a missing shard', (ssm: FakeSsm) => ssm.parameters.delete(`${INDEX}/2`), 'it has 2 shards, they say 3'],
    [
      'a shard number beyond 999',
      (ssm: FakeSsm) => ssm.put(`${INDEX}/1`, { shard: 1000, shards: 1001, userPoolIds: [] }),
      `${INDEX}/1 is damaged`,
    ],
  ])('rebuilds from the issuer records when the index has %s', async (_what, damage, problem) => {
    const ssm = await indexedStore(pools(250, 1));
    damage(ssm);
    ssm.put(`${PREFIX}/issuers/${poolId(300)}`, issuerRecord(poolId(300)));
    const lines: string[] = [];

    const result = await addToIssuerIndex(ssm.client(), PREFIX, [poolId(300)], { log: (l) => lines.push(l) });

    expect(result.rebuilt).toBe(problem);
    expect(lines[0]).toBe(`issuer index: ${problem}; rebuilt from the issuer records`);
    expect(result.pools).toBe(251);
    expect(listed(ssm)).toEqual([...pools(250, 1), poolId(300)]);
  });

  it('refuses a malformed pool id before any call', async () => {
    const ssm = await indexedStore(pools(3, 1));
    for (const bad of ['', '../issuers/x', 'eu-west-1_', `eu-west-1_${'a'.repeat(56)}`, 'eu-west-1_P1\n']) {
      await expect(addToIssuerIndex(ssm.client(), PREFIX, [bad])).rejects.toThrow('is not a user pool id');
    }
    expect(ssm.calls).toEqual([]);
  });
});
