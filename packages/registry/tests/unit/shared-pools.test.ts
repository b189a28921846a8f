import { describe, expect, it } from '@jest/globals';
import { parseEnvironment } from '../../src/environment';
import { issuerParameterName } from '../../src/keys';
import { type EnvironmentPools, RegistryEntriesError, registryEntries } from '../../src/registry-entries';
import {
  DEFAULT_SHARED_POOL,
  MAX_TENANTS_PER_SHARED_POOL,
  nextSharedPool,
  shardDomainPrefix,
  shardSuffix,
  sharedPoolOf,
  sharedPoolShards,
} from '../../src/shared-pools';
import { environmentProblems } from '../support/environment-problems';

const sharedTenant = (n: number, sharedPool?: string) => ({
  id: `shared${n}`,
  displayName: `Shared ${n}`,
  pattern: 'shared',
  emailDomains: [`s${n}.example.com`],
  idp: { name: `S${n}Idp`, metadataUrl: `https://idp.s${n}.example.com/metadata` },
  callbackUrls: ['https://app.example.com/callback'],
  ...(sharedPool === undefined ? {} : { sharedPool }),
});
const dedicatedTenant = {
  id: 'acme',
  displayName: 'Acme',
  pattern: 'dedicated',
  hosts: ['acme.app.example.com'],
  emailDomains: ['acme.com'],
  idp: { name: 'AcmeOkta', metadataUrl: 'https://acme.okta.example/metadata' },
  pool: { domainPrefix: 'acme-dev' },
};
const file = (tenants: unknown[], domainPrefix = 'shared-dev') => ({
  environment: 'dev',
  region: 'eu-west-1',
  sharedPool: { domainPrefix },
  tenants,
});
const range = (from: number, count: number, sharedPool?: string) =>
  Array.from({ length: count }, (_, i) => sharedTenant(from + i, sharedPool));

describe('shards of the shared pool', () => {
  it('puts a shared tenant that names no shard in shared-00, and writes the shard into the resolved tenant', () => {
    const env = parseEnvironment(
      file([sharedTenant(1), sharedTenant(2, 'shared-03'), dedicatedTenant]),
      'dev.json',
    );
    expect(env.tenants.map((tenant) => tenant.sharedPool)).toEqual(['shared-00', 'shared-03', undefined]);
    expect(DEFAULT_SHARED_POOL).toBe('shared-00');
  });

  it('keeps shared-00 unsuffixed and suffixes every other shard with its number', () => {
    expect([shardSuffix('shared-00'), shardSuffix('shared-01'), shardSuffix('shared-17')]).toEqual([
      '',
      '-01',
      '-17',
    ]);
    expect(shardDomainPrefix('shared-dev', 'shared-00')).toBe('shared-dev');
    expect(shardDomainPrefix('shared-dev', 'shared-02')).toBe('shared-dev-02');
  });

  it('groups shared tenants by shard in shard order, dedicated tenants left out', () => {
    const tenants = [
      sharedTenant(1, 'shared-02'),
      dedicatedTenant,
      sharedTenant(2),
      sharedTenant(3, 'shared-02'),
    ];
    const shards = sharedPoolShards(parseEnvironment(file(tenants), 'dev.json').tenants);
    expect([...shards].map(([shard, members]) => [shard, members.map((t) => t.id)])).toEqual([
      ['shared-00', ['shared2']],
      ['shared-02', ['shared1', 'shared3']],
    ]);
  });

  it.each([
    [
      'a malformed shard name',
      [sharedTenant(1, 'shared-1')],
      ["tenants[0] (tenant 'shared1').sharedPool: shared-NN with two digits, such as shared-01"],
    ],
    [
      'a shard on a dedicated tenant',
      [{ ...dedicatedTenant, sharedPool: 'shared-00' }],
      [
        "tenants[0] (tenant 'acme').sharedPool: only shared tenants are in a shared pool; remove it or set pattern 'shared'",
      ],
    ],
  ])('refuses %s, naming the field', (_, tenants, expected) => {
    expect(environmentProblems(file(tenants))).toEqual(expected);
  });

  it(`accepts ${MAX_TENANTS_PER_SHARED_POOL} shared tenants in one shard and gaps in the numbering`, () => {
    const tenants = [...range(0, MAX_TENANTS_PER_SHARED_POOL), sharedTenant(1000, 'shared-05')];
    expect(environmentProblems(file(tenants))).toEqual([]);
  });

  it(`refuses a shard with more than ${MAX_TENANTS_PER_SHARED_POOL} tenants, naming the shard and the next one`, () => {
    const tenants = [...range(0, MAX_TENANTS_PER_SHARED_POOL), sharedTenant(1000, 'shared-00')];
    expect(environmentProblems(file(tenants))).toEqual([
      `tenants[300] (tenant 'shared1000').sharedPool: shard 'shared-00' already holds 300 shared tenants, Cognito's limit of identity providers per user pool; put new tenants in the next shard ("sharedPool": "shared-01"), as \`tenant add\` does, and leave existing tenants where they are`,
    ]);
  });

  it("refuses a shard whose domain prefix exceeds Cognito's 63 characters, naming the field", () => {
    const longest = 'a'.repeat(60);
    expect(environmentProblems(file([sharedTenant(1), sharedTenant(2, 'shared-01')], longest))).toEqual([]);
    const tooLong = 'a'.repeat(61);
    expect(environmentProblems(file([sharedTenant(1), sharedTenant(2, 'shared-01')], tooLong))).toEqual([
      `sharedPool.domainPrefix: shard 'shared-01' uses '${tooLong}-01' (64 characters), longer than Cognito's 63; shorten sharedPool.domainPrefix`,
    ]);
  });

  it("refuses a shard's domain prefix that a dedicated tenant already uses", () => {
    const taken = { ...dedicatedTenant, pool: { domainPrefix: 'shared-dev-01' } };
    expect(environmentProblems(file([taken, sharedTenant(1, 'shared-01')]))).toEqual([
      "sharedPool (shard 'shared-01'): pool domain prefix 'shared-dev-01' is already used by tenants[0] (tenant 'acme')",
    ]);
  });
});

describe('nextSharedPool', () => {
  const parsed = (tenants: unknown[]) => parseEnvironment(file(tenants), 'dev.json').tenants;

  it.each([
    ['no shared tenant yet', [], 'shared-00'],
    ['room in shared-00', [sharedTenant(1)], 'shared-00'],
    ['shared-00 full', range(0, 300), 'shared-01'],
    ['shared-00 full, room in shared-02', [...range(0, 300), sharedTenant(500, 'shared-02')], 'shared-02'],
    [
      'shared-00 full and a gap at 01 after 02',
      [...range(0, 300), ...range(500, 300, 'shared-02')],
      'shared-01',
    ],
  ])('with %s assigns %s', (_, tenants, expected) => {
    expect(nextSharedPool(parsed(tenants))).toBe(expected);
  });

  it('never moves an existing tenant when a tenant is added to a file with a full shard', () => {
    // Prepare: shared-00 full, its tenants written before sharding (no sharedPool), one in shared-01.
    const before = [...range(0, 300), sharedTenant(900, 'shared-01'), dedicatedTenant];
    const shardsBefore = parsed(before).map((tenant) => [tenant.id, tenant.sharedPool]);
    // Act: what `tenant add --pattern shared` does: pick a shard, write it into the new entry.
    const assigned = nextSharedPool(parsed(before));
    const after = parsed([...before, sharedTenant(901, assigned)]);
    // Assess
    expect(assigned).toBe('shared-01');
    expect(after.slice(0, before.length).map((tenant) => [tenant.id, tenant.sharedPool])).toEqual(
      shardsBefore,
    );
    expect(after.at(-1)?.sharedPool).toBe('shared-01');
    expect(sharedPoolOf(after[0]!)).toBe('shared-00');
  });
});

describe('registryEntries with shards', () => {
  const env = parseEnvironment(
    file([sharedTenant(1), sharedTenant(2, 'shared-01'), sharedTenant(3, 'shared-01')]),
    'dev.json',
  );
  const identifiers = (n: number) => ({
    userPoolId: `eu-west-1_Shard${n}`,
    clientId: `client${n}`,
    cognitoDomain: `d${n}`,
    issuer: `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shard${n}`,
  });
  const pools: EnvironmentPools = {
    sharedPools: { 'shared-00': identifiers(0), 'shared-01': identifiers(1) },
    dedicatedPools: {},
  };

  it('writes one issuer record per shard; shared-00 keeps the id issuer:shared', () => {
    const issuers = registryEntries(env, pools).parameters.filter((p) => p.kind === 'issuer');
    expect(issuers.map((p) => [p.id, p.name])).toEqual([
      ['issuer:shared', issuerParameterName('/cognito-tenancy/dev', 'eu-west-1_Shard0')],
      ['issuer:shared-01', issuerParameterName('/cognito-tenancy/dev', 'eu-west-1_Shard1')],
    ]);
  });

  it("gives each tenant's records its own shard's identifiers", () => {
    const items = registryEntries(env, pools).items.filter((i) => i.kind === 'tenant');
    expect(items.map((i) => [i.item.tenantId, (i.item as { userPoolId?: string }).userPoolId])).toEqual([
      ['shared1', 'eu-west-1_Shard0'],
      ['shared2', 'eu-west-1_Shard1'],
      ['shared3', 'eu-west-1_Shard1'],
    ]);
  });

  it('refuses pools that lack a shard with tenants, naming the shard', () => {
    expect(() =>
      registryEntries(env, { sharedPools: { 'shared-00': identifiers(0) }, dedicatedPools: {} }),
    ).toThrow(
      new RegistryEntriesError("tenant 'shared2': no identifiers given for its shared pool 'shared-01'"),
    );
  });
});
