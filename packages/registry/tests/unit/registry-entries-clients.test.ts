import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { clientParameterName, domainItemKey, hostParameterName, issuerParameterName } from '../../src/keys';
import { parseClientRecord, parseDomainItem, parseHostRecord, parseIssuerRecord } from '../../src/records';
import {
  type EnvironmentPools,
  RegistryEntriesError,
  registryEntries,
  sharedIssuerEntries,
  tenantPool,
  tenantRegistryEntries,
} from '../../src/registry-entries';
import {
  fixtureEnvironment as env,
  fixturePools,
  FIXTURE_PREFIX as prefix,
} from '../support/registry-fixture';

const golden = readFileSync(new URL('../support/registry-entries.golden.json', import.meta.url), 'utf8');
const tenant = (id: string) => env.tenants.find((t) => t.id === id)!;
const withOwnClients: EnvironmentPools = { ...fixturePools, sharedClients: { globex: 'globexclient9' } };
const own = registryEntries(env, withOwnClients);
const parameter = (name: string) => own.parameters.find((p) => p.name === name);

describe('registryEntries without per-tenant clients', () => {
  it('writes byte for byte what it wrote before per-tenant clients existed', () => {
    expect(JSON.stringify(registryEntries(env, fixturePools))).toBe(JSON.stringify(JSON.parse(golden)));
  });

  it('writes the same with an empty sharedClients', () => {
    expect(JSON.stringify(registryEntries(env, { ...fixturePools, sharedClients: {} }))).toBe(
      JSON.stringify(JSON.parse(golden)),
    );
  });

  it('is the shared issuers, then each tenant’s entries in file order, then the issuer index', () => {
    const whole = registryEntries(env, fixturePools);
    const shared = sharedIssuerEntries(env, fixturePools.sharedPools!);
    const parts = env.tenants.map((t) =>
      tenantRegistryEntries(env, t, t.id === 'acme' ? fixturePools.dedicatedPools.acme! : poolOf(t.id)),
    );
    expect(whole.parameters.filter((p) => p.kind !== 'issuer-index')).toEqual([
      ...shared.parameters,
      ...parts.flatMap((p) => p.parameters),
    ]);
    expect(whole.items).toEqual(parts.flatMap((p) => p.items));
  });
});

function poolOf(tenantId: string) {
  const shard = tenant(tenantId).sharedPool ?? 'shared-00';
  return fixturePools.sharedPools![shard]!;
}

describe('registryEntries with a shared tenant’s own client', () => {
  it('binds the client to the tenant and its IdP in a client record under its shard’s pool', () => {
    const client = parameter(clientParameterName(prefix, 'eu-west-1_Shared0', 'globexclient9'));
    expect(client).toMatchObject({ id: 'client:globex', kind: 'client' });
    expect(parseClientRecord(JSON.parse(client!.value))).toEqual({
      clientId: 'globexclient9',
      userPoolId: 'eu-west-1_Shared0',
      tenantId: 'globex',
      providerName: 'GlobexEntra',
    });
  });

  it('sends the tenant’s browsers to its own client: host records and domain items carry it', () => {
    const host = parseHostRecord(
      JSON.parse(parameter(hostParameterName(prefix, 'globex.app.example.com'))!.value),
    );
    expect(host).toMatchObject({
      tenantId: 'globex',
      userPoolId: 'eu-west-1_Shared0',
      clientId: 'globexclient9',
    });
    const domain = own.items.find((i) => i.key === domainItemKey('globex.com').pk)!.item;
    expect(parseDomainItem(domain)).toMatchObject({
      userPoolId: 'eu-west-1_Shared0',
      clientId: 'globexclient9',
    });
  });

  it('leaves the other tenants of the shard, and the shard’s common client, as they were', () => {
    const before = JSON.parse(golden) as { parameters: { id: string }[]; items: { id: string }[] };
    const changed = (now: readonly { id: string }[], then: { id: string }[]) =>
      now
        .filter((e) => JSON.stringify(e) !== JSON.stringify(then.find((b) => b.id === e.id)))
        .map((e) => e.id);
    expect(changed(own.parameters, before.parameters)).toEqual([
      'host:globex.app.example.com',
      'client:globex',
    ]);
    expect(changed(own.items, before.items)).toEqual(['domain:globex.com']);
    const issuer = parseIssuerRecord(
      JSON.parse(parameter(issuerParameterName(prefix, 'eu-west-1_Shared0'))!.value),
    );
    expect(issuer.clientIds).toEqual(['sharedclient0']);
  });

  it('does not list a client record in the issuer index', () => {
    const index = own.parameters.filter((p) => p.kind === 'issuer-index').map((p) => p.record);
    expect(index).toEqual([
      { shard: 0, shards: 1, userPoolIds: ['eu-west-1_Shared0', 'eu-west-1_Shared1', 'eu-west-1_Acme1'] },
    ]);
  });

  it.each([['acme'], ['nobody']])('refuses sharedClients naming %j, which is not a shared tenant', (id) => {
    expect(() => registryEntries(env, { ...fixturePools, sharedClients: { [id]: 'c1' } })).toThrow(
      new RegistryEntriesError(`sharedClients: '${id}' is not a shared tenant of the environment`),
    );
  });
});

describe('tenantPool', () => {
  it('gives a listed shared tenant its own client in its shard, and everyone else the pools as they are', () => {
    expect(tenantPool(tenant('globex'), withOwnClients)).toEqual({
      ...fixturePools.sharedPools!['shared-00'],
      clientId: 'globexclient9',
    });
    expect(tenantPool(tenant('umbrella'), withOwnClients)).toBe(fixturePools.sharedPools!['shared-00']);
    expect(tenantPool(tenant('acme'), withOwnClients)).toBe(fixturePools.dedicatedPools.acme);
  });

  it('never takes an inherited member for a tenant’s own client', () => {
    const inherited = { ...tenant('umbrella'), id: 'constructor' };
    expect(tenantPool(inherited, withOwnClients)).toBe(fixturePools.sharedPools!['shared-00']);
  });
});

describe('tenantRegistryEntries', () => {
  it('writes no client record unless asked, and none for a dedicated tenant', () => {
    const kinds = (entries: ReturnType<typeof tenantRegistryEntries>) =>
      entries.parameters.map((p) => p.kind);
    expect(kinds(tenantRegistryEntries(env, tenant('umbrella'), poolOf('umbrella')))).toEqual(['provider']);
    expect(
      kinds(tenantRegistryEntries(env, tenant('umbrella'), poolOf('umbrella'), { ownClient: true })),
    ).toEqual(['provider', 'client']);
    const acme = tenantRegistryEntries(env, tenant('acme'), fixturePools.dedicatedPools.acme!, {
      ownClient: true,
    });
    expect(kinds(acme)).toEqual(['host', 'host', 'issuer']);
  });

  it('passes deploy-time references through untouched', () => {
    const token = (n: number) => `\${TfToken[TOKEN.${n}]}`;
    const pool = { userPoolId: token(1), clientId: token(2), cognitoDomain: 'd', issuer: token(3) };
    const entries = tenantRegistryEntries(env, tenant('initech'), pool, { ownClient: true });
    const client = entries.parameters.find((p) => p.kind === 'client')!;
    expect(client.name).toBe(`${prefix}/clients/${token(1)}/${token(2)}`);
    expect(client.id).toBe('client:initech');
  });
});

describe('sharedIssuerEntries', () => {
  it('writes one issuer record per shard with tenants, with the ids registryEntries uses', () => {
    const { parameters, items } = sharedIssuerEntries(env, fixturePools.sharedPools!);
    expect(parameters.map((p) => [p.id, p.name])).toEqual([
      ['issuer:shared', issuerParameterName(prefix, 'eu-west-1_Shared0')],
      ['issuer:shared-01', issuerParameterName(prefix, 'eu-west-1_Shared1')],
    ]);
    expect(items).toEqual([]);
  });

  it('lists no client for shards without a common client, in a record the readers accept', () => {
    const { parameters } = sharedIssuerEntries(env, fixturePools.sharedPools!, { commonClient: false });
    for (const p of parameters) {
      expect(parseIssuerRecord(JSON.parse(p.value))).toMatchObject({ pattern: 'shared', clientIds: [] });
    }
  });

  it('skips a shard it was given no identifiers for', () => {
    const only01 = { 'shared-01': fixturePools.sharedPools!['shared-01']! };
    expect(sharedIssuerEntries(env, only01).parameters.map((p) => p.id)).toEqual(['issuer:shared-01']);
  });
});
