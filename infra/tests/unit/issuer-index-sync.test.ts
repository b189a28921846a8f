import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { RegistryKeyError } from '@cognito-tenancy/registry/identifiers';
import { describe, expect, it } from '@jest/globals';
import { deleteIssuerIndex, syncIssuerIndex } from '../../src/issuer-index-sync';
import { issuerIndexSummary, syncEnvironmentIssuerIndex } from '../../src/sync-issuer-index';
import { FakeSsm, issuerRecord } from '../support/fake-ssm';

const PREFIX = '/cognito-tenancy/test';
const INDEX = `${PREFIX}/issuer-index`;

/** `eu-west-1_P0000` ... : zero-padded so that sorted order is numeric order. */
function poolId(n: number): string {
  return `eu-west-1_P${String(n).padStart(4, '0')}`;
}

/** A store holding issuer records for `ids`, put in reverse so the sync has to sort. */
function storeWith(ids: readonly string[], pageSize?: number): FakeSsm {
  const ssm = new FakeSsm(pageSize);
  for (const id of [...ids].reverse()) ssm.put(`${PREFIX}/issuers/${id}`, issuerRecord(id));
  return ssm;
}

const pools = (count: number, from = 0) => Array.from({ length: count }, (_, i) => poolId(from + i));

describe('syncIssuerIndex', () => {
  it('writes one empty shard 0 when no pool has an issuer record', async () => {
    // Prepare
    const ssm = new FakeSsm();
    // Act
    const result = await syncIssuerIndex(ssm.client(), PREFIX);
    // Assess
    expect(result).toEqual({ pools: 0, shards: 1, written: [0], deleted: [], skipped: [] });
    expect(ssm.json(`${INDEX}/0`)).toEqual({ shard: 0, shards: 1, userPoolIds: [] });
    expect(ssm.parameters.get(`${INDEX}/0`)).toMatchObject({
      type: 'String',
      tier: 'Standard',
      description: 'cognito-tenancy issuer-index record',
    });
  });

  it('shards 250 pools into 3 sorted shards of 100 and writes shard 0 last', async () => {
    const ids = pools(250);
    const ssm = storeWith(ids);
    const lines: string[] = [];

    const result = await syncIssuerIndex(ssm.client(), PREFIX, { log: (line) => lines.push(line) });

    expect(result).toMatchObject({ pools: 250, shards: 3, written: [1, 2, 0], deleted: [] });
    expect(ssm.writes()).toEqual([`put ${INDEX}/1`, `put ${INDEX}/2`, `put ${INDEX}/0`]);
    expect(ssm.json(`${INDEX}/0`)).toEqual({ shard: 0, shards: 3, userPoolIds: ids.slice(0, 100) });
    expect(ssm.json(`${INDEX}/1`)).toEqual({ shard: 1, shards: 3, userPoolIds: ids.slice(100, 200) });
    expect(ssm.json(`${INDEX}/2`)).toEqual({ shard: 2, shards: 3, userPoolIds: ids.slice(200) });
    expect(lines).toEqual([
      `wrote ${INDEX}/1 (100 pools)`,
      `wrote ${INDEX}/2 (50 pools)`,
      `wrote ${INDEX}/0 (100 pools)`,
    ]);
  });

  it('writes and deletes nothing on a second run in a row', async () => {
    const ssm = storeWith(pools(250));
    await syncIssuerIndex(ssm.client(), PREFIX);
    const before = ssm.writes().length;

    const result = await syncIssuerIndex(ssm.client(), PREFIX);

    expect(result).toMatchObject({ pools: 250, shards: 3, written: [], deleted: [] });
    expect(ssm.writes()).toHaveLength(before);
  });

  it('writes only the shards whose pools changed', async () => {
    const ssm = storeWith(pools(250));
    await syncIssuerIndex(ssm.client(), PREFIX);
    ssm.put(`${PREFIX}/issuers/${poolId(9999)}`, issuerRecord(poolId(9999))); // sorts last: shard 2
    ssm.calls.length = 0;

    const result = await syncIssuerIndex(ssm.client(), PREFIX);

    expect(result.written).toEqual([2]);
    expect(ssm.writes()).toEqual([`put ${INDEX}/2`]);
  });

  it("deletes the shards beyond the new count after rewriting shard 0's count", async () => {
    const ssm = storeWith(pools(250));
    await syncIssuerIndex(ssm.client(), PREFIX);
    for (const id of pools(100, 150)) ssm.parameters.delete(`${PREFIX}/issuers/${id}`);
    ssm.calls.length = 0;
    const lines: string[] = [];

    const result = await syncIssuerIndex(ssm.client(), PREFIX, { log: (line) => lines.push(line) });

    expect(result).toMatchObject({ pools: 150, shards: 2, written: [1, 0], deleted: [`${INDEX}/2`] });
    expect(ssm.writes()).toEqual([`put ${INDEX}/1`, `put ${INDEX}/0`, `delete ${INDEX}/2`]);
    expect(ssm.json(`${INDEX}/0`)).toMatchObject({ shard: 0, shards: 2 });
    expect(ssm.json(`${INDEX}/1`)).toEqual({ shard: 1, shards: 2, userPoolIds: pools(50, 100) });
    expect(ssm.parameters.has(`${INDEX}/2`)).toBe(false);
    expect(lines.at(-1)).toBe(`deleted ${INDEX}/2`);
  });

  it('deletes stale shards 10 names per call', async () => {
    const ssm = new FakeSsm();
    for (let shard = 0; shard < 12; shard += 1) {
      ssm.put(`${INDEX}/${shard}`, { shard, shards: 12, userPoolIds: [poolId(shard)] });
    }

    const result = await syncIssuerIndex(ssm.client(), PREFIX);

    expect(result.deleted).toEqual(Array.from({ length: 11 }, (_, i) => `${INDEX}/${i + 1}`));
    expect(ssm.calls.filter((call) => call.op === 'delete').map((call) => call.names.length)).toEqual([
      10, 1,
    ]);
    expect([...ssm.parameters.keys()]).toEqual([`${INDEX}/0`]);
  });

  it('skips and reports a damaged issuer record and one filed under another pool id', async () => {
    const ssm = storeWith([poolId(1), poolId(2)]);
    ssm.put(`${PREFIX}/issuers/${poolId(3)}`, '{not json');
    ssm.put(`${PREFIX}/issuers/${poolId(4)}`, { ...issuerRecord(poolId(4)), pattern: 'other' });
    ssm.put(`${PREFIX}/issuers/${poolId(5)}`, issuerRecord(poolId(6)));
    const lines: string[] = [];

    const result = await syncIssuerIndex(ssm.client(), PREFIX, { log: (line) => lines.push(line) });

    expect(result.pools).toBe(2);
    expect(ssm.json(`${INDEX}/0`)).toEqual({ shard: 0, shards: 1, userPoolIds: [poolId(1), poolId(2)] });
    expect(result.skipped).toEqual([
      { name: `${PREFIX}/issuers/${poolId(3)}`, reason: 'value is not JSON' },
      { name: `${PREFIX}/issuers/${poolId(4)}`, reason: "issuer record: invalid or missing field 'pattern'" },
      {
        name: `${PREFIX}/issuers/${poolId(5)}`,
        reason: `userPoolId '${poolId(6)}' differs from the parameter name`,
      },
    ]);
    expect(lines.filter((line) => line.startsWith('skipped '))).toHaveLength(3);
  });

  it('reads every page of issuer records and of existing shards', async () => {
    const ssm = storeWith(pools(25), 4);
    ssm.put(`${INDEX}/0`, { shard: 0, shards: 1, userPoolIds: [] });

    const result = await syncIssuerIndex(ssm.client(), PREFIX);

    expect(result.pools).toBe(25);
    const issuerPages = ssm.calls.filter((call) => call.op === 'list' && call.path === `${PREFIX}/issuers`);
    expect(issuerPages).toHaveLength(7);
    expect(ssm.json(`${INDEX}/0`)).toEqual({ shard: 0, shards: 1, userPoolIds: pools(25) });
  });

  it('rewrites a damaged shard and leaves parameters that are not shard names alone', async () => {
    const ssm = storeWith([poolId(1)]);
    ssm.put(`${INDEX}/0`, '{"shard":0}');
    ssm.put(`${INDEX}/01`, 'someone else');
    ssm.put(`${INDEX}/notes`, 'someone else');

    const result = await syncIssuerIndex(ssm.client(), PREFIX);

    expect(result).toMatchObject({ written: [0], deleted: [] });
    expect(ssm.parameters.has(`${INDEX}/01`)).toBe(true);
    expect(ssm.parameters.has(`${INDEX}/notes`)).toBe(true);
  });

  it('refuses an invalid prefix before any call', async () => {
    const ssm = new FakeSsm();

    await expect(syncIssuerIndex(ssm.client(), 'cognito-tenancy/dev')).rejects.toThrow(RegistryKeyError);
    await expect(syncIssuerIndex(ssm.client(), '/cognito-tenancy/../dev')).rejects.toThrow(RegistryKeyError);
    expect(ssm.calls).toEqual([]);
  });
});

describe('syncEnvironmentIssuerIndex (the CLI)', () => {
  it("syncs the file's registryPrefix in its region and prints a line per shard and the summary", async () => {
    const ssm = new FakeSsm();
    ssm.put(`/cognito-tenancy/dev/issuers/${poolId(1)}`, issuerRecord(poolId(1)));
    const regions: string[] = [];
    const lines: string[] = [];

    await syncEnvironmentIssuerIndex('dev', {
      client: (region) => {
        regions.push(region);
        return ssm.client();
      },
      write: (line) => lines.push(line),
    });

    expect(regions).toEqual(['eu-west-1']);
    expect(lines).toEqual([
      'wrote /cognito-tenancy/dev/issuer-index/0 (1 pools)',
      'issuer index: 1 pools in 1 shards, 1 written, 0 deleted',
    ]);
  });

  it('refuses an unknown environment with the environment file error', async () => {
    await expect(
      syncEnvironmentIssuerIndex('staging', { client: () => new FakeSsm().client() }),
    ).rejects.toThrow(EnvironmentFileError);
  });

  it('summarises a result in one line', () => {
    expect(issuerIndexSummary({ pools: 150, shards: 2, written: [1, 0], deleted: ['x'], skipped: [] })).toBe(
      'issuer index: 150 pools in 2 shards, 2 written, 1 deleted',
    );
  });
});

describe('deleteIssuerIndex (after a tenant-stacks platform is destroyed)', () => {
  it('deletes every shard of the index in batches, and nothing else under the prefix', async () => {
    const ssm = storeWith(pools(1250), 7);
    await syncIssuerIndex(ssm.client(), PREFIX);
    ssm.put(`${INDEX}/notes`, { kept: true });
    ssm.put(`${INDEX}/0007x`, { kept: true });
    const lines: string[] = [];

    const deleted = await deleteIssuerIndex(ssm.client(), PREFIX, { log: (line) => lines.push(line) });

    expect(deleted).toEqual(Array.from({ length: 13 }, (_, n) => `${INDEX}/${n}`));
    expect(lines).toHaveLength(13);
    expect([...ssm.parameters.keys()].filter((name) => name.startsWith(`${INDEX}/`)).sort()).toEqual([
      `${INDEX}/0007x`,
      `${INDEX}/notes`,
    ]);
    expect(ssm.parameters.has(`${PREFIX}/issuers/${poolId(0)}`)).toBe(true);
    expect(await deleteIssuerIndex(ssm.client(), PREFIX)).toEqual([]);
  });
});
