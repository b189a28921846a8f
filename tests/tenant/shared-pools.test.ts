/**
 * Shards of the shared pool through the tenant tool: `add` fills shard after shard and
 * writes the shard into the new entry, never touching existing ones; `list` and `sp-info`
 * show each tenant's shard (a shard is a pool of its own: its own ACS URL and SP entity id).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { MAX_TENANTS_PER_SHARED_POOL } from '@cognito-tenancy/registry/shared-pools';
import { describe, expect, it } from '@jest/globals';
import { environment, fixture, goodMetadata, run, sharedTenant } from './helpers/environment';

/** `n` shared tenants on one common callback host (one app client URL), shards as `shard(i)` says. */
const shared = (n: number, shard: (i: number) => string | undefined = () => undefined) =>
  Array.from({ length: n }, (_, i) => {
    const sharedPool = shard(i);
    return sharedTenant({
      id: `t${i}-co`,
      hosts: [],
      emailDomains: [`t${i}.com`],
      idp: { name: `T${i}`, metadataUrl: `https://idp.example.com/${i}` },
      callbackUrls: ['https://app.example.com/callback'],
      logoutUrls: ['https://app.example.com/'],
      ...(sharedPool === undefined ? {} : { sharedPool }),
    });
  });

async function addShared(file: string, dir: string, id: string) {
  const metadata = join(dir, `${id}.xml`);
  writeFileSync(metadata, goodMetadata(`https://${id}.example/idp`));
  return run([
    'add',
    file,
    '--id',
    id,
    '--name',
    id,
    '--pattern',
    'shared',
    '--email-domain',
    `${id}.com`,
    '--callback-url',
    'https://app.example.com/callback',
    '--logout-url',
    'https://app.example.com/',
    '--metadata-file',
    metadata,
    '--json',
  ]);
}

describe('tenant add --pattern shared', () => {
  it('writes the lowest shard with room into the new entry', async () => {
    const fx = fixture(environment(shared(2)));
    const result = await addShared(fx.file, fx.dir, 'initech');
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(fx.file, 'utf8')).tenants.at(-1).sharedPool).toBe('shared-00');
  });

  it(`opens the next shard when shared-00 holds ${MAX_TENANTS_PER_SHARED_POOL}, and moves no existing tenant`, async () => {
    // Prepare: shared-00 full, its tenants written before sharding (no sharedPool in the file).
    const fx = fixture(environment(shared(MAX_TENANTS_PER_SHARED_POOL)));
    const before = readFileSync(fx.file, 'utf8');
    // Act
    const first = await addShared(fx.file, fx.dir, 'initech');
    const second = await addShared(fx.file, fx.dir, 'hooli');
    // Assess
    expect([first.code, second.code]).toEqual([0, 0]);
    const after = readFileSync(fx.file, 'utf8');
    const raw = JSON.parse(after).tenants as { id: string; sharedPool?: string }[];
    expect(raw.slice(0, MAX_TENANTS_PER_SHARED_POOL).every((t) => t.sharedPool === undefined)).toBe(true);
    expect(after.startsWith(before.slice(0, before.lastIndexOf('\n    }\n  ]')))).toBe(true);
    expect(raw.slice(-2).map((t) => [t.id, t.sharedPool])).toEqual([
      ['initech', 'shared-01'],
      ['hooli', 'shared-01'],
    ]);
    const env = loadEnvironmentFile(fx.file);
    expect(new Set(env.tenants.slice(0, MAX_TENANTS_PER_SHARED_POOL).map((t) => t.sharedPool))).toEqual(
      new Set(['shared-00']),
    );
  }, 30_000); // 300 tenants written and validated twice: seconds on a loaded 2-core machine

  it('fills a gap in a lower shard before a higher one', async () => {
    const fx = fixture(environment(shared(3, (i) => ['shared-02', 'shared-00', 'shared-02'][i])));
    expect((await addShared(fx.file, fx.dir, 'initech')).code).toBe(0);
    expect(JSON.parse(readFileSync(fx.file, 'utf8')).tenants.at(-1).sharedPool).toBe('shared-00');
  });
});

describe('list and sp-info name the shard', () => {
  const fx = fixture(environment(shared(2, (i) => (i === 0 ? undefined : 'shared-01'))));

  it('lists each shared tenant with its shard and that shard’s domain prefix', async () => {
    const out = JSON.parse((await run(['list', fx.file, '--json'])).stdout);
    expect(out.tenants.map((t: { pool: string }) => t.pool)).toEqual([
      'shared-00 (shared-dev)',
      'shared-01 (shared-dev-01)',
    ]);
  });

  it("gives a tenant of shared-01 that pool's ACS URL and reads its pool from shared_pool_01 only", async () => {
    const outputs = join(fx.dir, 'outputs.json');
    writeFileSync(
      outputs,
      JSON.stringify({
        shared_pool: { value: { user_pool_id: 'eu-west-1_Shard00', client_id: 'client00client00client00' } },
        shared_pool_01: {
          value: { user_pool_id: 'eu-west-1_Shard01', client_id: 'client01client01client01' },
        },
      }),
    );
    const second = JSON.parse(
      (await run(['sp-info', fx.file, 't1-co', '--json', '--outputs', outputs])).stdout,
    );
    expect(second).toMatchObject({
      sharedPool: 'shared-01',
      acsUrl: 'https://shared-dev-01.auth.eu-west-1.amazoncognito.com/saml2/idpresponse',
      audience: 'urn:amazon:cognito:sp:eu-west-1_Shard01',
      clientId: 'client01client01client01',
    });
    const first = JSON.parse(
      (await run(['sp-info', fx.file, 't0-co', '--json', '--outputs', outputs])).stdout,
    );
    expect(first).toMatchObject({
      sharedPool: 'shared-00',
      acsUrl: 'https://shared-dev.auth.eu-west-1.amazoncognito.com/saml2/idpresponse',
      audience: 'urn:amazon:cognito:sp:eu-west-1_Shard00',
      clientId: 'client00client00client00',
    });
  });
});
