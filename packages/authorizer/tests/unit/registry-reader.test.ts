import {
  clientParameterName,
  hostParameterName,
  issuerParameterName,
  providerParameterName,
} from '@cognito-tenancy/registry/keys';
import { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import { describe, expect, it } from '@jest/globals';
import { RegistryUnavailableError } from '../../src/errors';
import { RegistryReader } from '../../src/registry-reader';
import { FakeParameterStore } from '../support/store';
import { ACME_POOL, issuerRecord, OWN_CLIENTS, ownClientRecord, PREFIX, SHARED_POOL } from '../support/world';

function reader(store: FakeParameterStore, clock = { now: 0 }) {
  return new RegistryReader(store, {
    prefix: PREFIX,
    ttlMs: 1000,
    negativeTtlMs: 500,
    staleIfErrorMs: 10_000,
    loadTimeoutMs: 200,
    now: () => clock.now,
  });
}

const hostRecord = {
  tenantId: 'acme',
  pattern: 'dedicated',
  region: 'eu-west-1',
  userPoolId: ACME_POOL,
  clientId: 'acmeweb1',
  cognitoDomain: 'acme.auth.eu-west-1.amazoncognito.com',
  identityProvider: 'acme-okta',
  redirectUri: 'https://acme.app.example.com/callback',
} as const;

describe('RegistryReader', () => {
  it('reads and caches an issuer record under the shared key layout', async () => {
    const store = new FakeParameterStore(PREFIX).putIssuer(issuerRecord(ACME_POOL));
    const registry = reader(store);

    expect(await registry.issuer(ACME_POOL)).toEqual(issuerRecord(ACME_POOL));
    expect(await registry.issuer(ACME_POOL)).toEqual(issuerRecord(ACME_POOL));

    expect(store.recordCalls).toEqual([issuerParameterName(PREFIX, ACME_POOL)]);
  });

  it('remembers a missing issuer for the negative TTL, then asks again', async () => {
    const clock = { now: 0 };
    const store = new FakeParameterStore(PREFIX);
    const registry = reader(store, clock);

    expect(await registry.issuer('eu-west-1_Nope')).toBeUndefined();
    clock.now = 499;
    expect(await registry.issuer('eu-west-1_Nope')).toBeUndefined();
    clock.now = 500;
    expect(await registry.issuer('eu-west-1_Nope')).toBeUndefined();

    expect(store.recordCalls).toHaveLength(2);
  });

  it('coalesces concurrent misses into one read', async () => {
    const store = new FakeParameterStore(PREFIX).putIssuer(issuerRecord(ACME_POOL));
    store.delayMs = 5;
    const registry = reader(store);

    await Promise.all(Array.from({ length: 20 }, () => registry.issuer(ACME_POOL)));

    expect(store.recordCalls).toHaveLength(1);
  });

  it('fails closed with RegistryUnavailableError when the store fails and nothing is cached', async () => {
    const store = new FakeParameterStore(PREFIX);
    store.failWith = new Error('ThrottlingException');

    await expect(reader(store).issuer(ACME_POOL)).rejects.toThrow(RegistryUnavailableError);
  });

  it('serves a stale record while the store fails, within the stale window', async () => {
    const clock = { now: 0 };
    const store = new FakeParameterStore(PREFIX).putIssuer(issuerRecord(ACME_POOL));
    const registry = reader(store, clock);
    await registry.issuer(ACME_POOL);
    store.failWith = new Error('down');

    clock.now = 5000;
    expect(await registry.issuer(ACME_POOL)).toEqual(issuerRecord(ACME_POOL));
    clock.now = 12_000;
    await expect(async () => registry.issuer(ACME_POOL)).rejects.toThrow(RegistryUnavailableError);
  });

  it('bounds a read that hangs', async () => {
    const store = new FakeParameterStore(PREFIX).putIssuer(issuerRecord(ACME_POOL));
    store.delayMs = 5000;

    await expect(reader(store).issuer(ACME_POOL)).rejects.toThrow(RegistryUnavailableError);
  });

  it.each([
    ['not JSON', '{"issuer":'],
    ['a damaged record', JSON.stringify({ ...issuerRecord(ACME_POOL), pattern: 'both' })],
    ['a record of another pool', JSON.stringify(issuerRecord(SHARED_POOL))],
  ])('treats %s as a store failure (fail closed)', async (_, raw) => {
    const store = new FakeParameterStore(PREFIX).putRaw(issuerParameterName(PREFIX, ACME_POOL), raw);

    await expect(reader(store).issuer(ACME_POOL)).rejects.toThrow(RegistryUnavailableError);
  });

  it('reads provider records and refuses one filed under another IdP', async () => {
    const store = new FakeParameterStore(PREFIX)
      .putProvider({ tenantId: 'globex', userPoolId: SHARED_POOL, providerName: 'globex' })
      .putRaw(
        providerParameterName(PREFIX, SHARED_POOL, 'initech'),
        JSON.stringify({ tenantId: 'globex', userPoolId: SHARED_POOL, providerName: 'globex' }),
      );
    const registry = reader(store);

    expect((await registry.provider(SHARED_POOL, 'globex'))?.tenantId).toBe('globex');
    expect(await registry.provider(SHARED_POOL, 'hooli')).toBeUndefined();
    await expect(async () => registry.provider(SHARED_POOL, 'initech')).rejects.toThrow(
      RegistryUnavailableError,
    );
  });

  it('reads host records by normalised host', async () => {
    const store = new FakeParameterStore(PREFIX).putHost('acme.app.example.com', hostRecord);
    const registry = reader(store);

    expect((await registry.host('acme.app.example.com'))?.tenantId).toBe('acme');
    expect(await registry.host('unknown.app.example.com')).toBeUndefined();
    expect(store.calls).toContain(hostParameterName(PREFIX, 'unknown.app.example.com'));
  });

  it('fails fast instead of queueing when too many distinct keys load at once', async () => {
    const store = new FakeParameterStore(PREFIX);
    store.delayMs = 50;
    const registry = reader(store);

    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => registry.issuer(`eu-west-1_Flood${i}`)),
    );

    expect(store.recordCalls.length).toBeLessThanOrEqual(16);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(24);
  });

  it('hydrates issuer records in batches of 10 and caches found and missing pools', async () => {
    const store = new FakeParameterStore(PREFIX)
      .putIssuer(issuerRecord(ACME_POOL))
      .putIssuer(issuerRecord(SHARED_POOL));
    const registry = reader(store);
    const ids = [ACME_POOL, SHARED_POOL, ...Array.from({ length: 10 }, (_, i) => `eu-west-1_Missing${i}`)];

    const found = await registry.hydrateIssuers(ids);

    expect(found.map((r) => r.userPoolId)).toEqual([ACME_POOL, SHARED_POOL]);
    expect(store.calls).toHaveLength(2);
    expect(await registry.issuer(ACME_POOL)).toEqual(issuerRecord(ACME_POOL));
    expect(await registry.issuer('eu-west-1_Missing3')).toBeUndefined();
    expect(store.calls).toHaveLength(2);
  });

  it('leaves a damaged record found during hydration to the lazy path', async () => {
    const store = new FakeParameterStore(PREFIX).putRaw(issuerParameterName(PREFIX, ACME_POOL), 'garbage');
    const registry = reader(store);

    expect(await registry.hydrateIssuers([ACME_POOL])).toEqual([]);
    await expect(async () => registry.issuer(ACME_POOL)).rejects.toThrow(RegistryUnavailableError);
  });
});

describe('RegistryReader: provider and client records', () => {
  const provider = { tenantId: 'globex', userPoolId: SHARED_POOL, providerName: 'globex' };
  const providerName = providerParameterName(PREFIX, SHARED_POOL, 'globex');
  const clientName = clientParameterName(PREFIX, SHARED_POOL, OWN_CLIENTS.globex);
  const bindings: readonly (readonly [string, (r: RegistryReader) => unknown, object])[] = [
    ['provider', (r: RegistryReader) => r.provider(SHARED_POOL, 'globex'), provider],
    ['client', (r: RegistryReader) => r.client(SHARED_POOL, OWN_CLIENTS.globex), ownClientRecord('globex')],
  ];
  const world = (clock = { now: 0 }) => {
    const store = new FakeParameterStore(PREFIX).putProvider(provider).putClient(ownClientRecord('globex'));
    return { store, registry: reader(store, clock), clock };
  };

  it('reads a provider and a client record asked in the same turn in one GetParameters call', async () => {
    const { store, registry } = world();

    const both = await Promise.all([
      registry.provider(SHARED_POOL, 'globex'),
      registry.client(SHARED_POOL, OWN_CLIENTS.globex),
    ]);

    expect(both).toEqual([provider, ownClientRecord('globex')]);
    expect(store.calls).toEqual([`${providerName},${clientName}`]);
    expect(registry.reads()).toEqual({ getParameter: 0, getParameters: 1, budgetRefusals: 0 });
  });

  it.each(bindings)('caches a %s record, synchronously once loaded', async (_, read, record) => {
    const { store, registry } = world();

    expect(await read(registry)).toEqual(record);
    expect(read(registry)).toEqual(record);

    expect(store.calls).toHaveLength(1);
  });

  it.each(bindings)('remembers a missing %s record for the negative TTL', async (_, read) => {
    const clock = { now: 0 };
    const store = new FakeParameterStore(PREFIX);
    const registry = reader(store, clock);

    expect(await read(registry)).toBeUndefined();
    clock.now = 499;
    expect(read(registry)).toBeUndefined();
    clock.now = 500;
    expect(await read(registry)).toBeUndefined();

    expect(store.calls).toHaveLength(2);
  });

  it.each(bindings)(
    'serves a stale %s record while the store fails, then fails closed',
    async (_, read, record) => {
      const { store, registry, clock } = world();
      await read(registry);
      store.failWith = new Error('down');

      clock.now = 5000;
      expect(await read(registry)).toEqual(record);
      clock.now = 12_000;
      await expect(async () => read(registry)).rejects.toThrow(RegistryUnavailableError);
    },
  );

  it.each(bindings)('bounds a %s read that hangs', async (_, read) => {
    const { store, registry } = world();
    store.delayMs = 5000;

    await expect(async () => read(registry)).rejects.toThrow(RegistryUnavailableError);
  });

  it('refuses a client record filed under another pool or client id, or damaged', async () => {
    const registry = reader(
      new FakeParameterStore(PREFIX)
        .putRaw(clientName, JSON.stringify({ ...ownClientRecord('globex'), userPoolId: 'eu-west-1_Other1' }))
        .putRaw(
          clientParameterName(PREFIX, SHARED_POOL, 'initechown1'),
          JSON.stringify(ownClientRecord('globex')),
        )
        .putRaw(clientParameterName(PREFIX, SHARED_POOL, 'broken1'), '{"clientId":'),
    );

    for (const clientId of [OWN_CLIENTS.globex, 'initechown1', 'broken1']) {
      await expect(async () => registry.client(SHARED_POOL, clientId)).rejects.toThrow(
        RegistryUnavailableError,
      );
    }
  });
});

describe('RegistryReader with the issuer index', () => {
  const POOLS = Array.from({ length: 30 }, (_, i) => `eu-west-1_Listed${String(i).padStart(2, '0')}`);

  function indexed(tokens = 1) {
    const clock = { now: 0 };
    const store = new FakeParameterStore(PREFIX).putIssuerIndex(POOLS);
    for (const pool of POOLS)
      store.putIssuer({
        ...issuerRecord(ACME_POOL),
        userPoolId: pool,
        issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${pool}`,
      });
    const registry = new RegistryReader(store, {
      prefix: PREFIX,
      ttlMs: 1000,
      negativeTtlMs: 500,
      staleIfErrorMs: 10_000,
      loadTimeoutMs: 200,
      // One token per second and no burst beyond it: any metered read would show.
      issuerBudget: new TokenBucket(tokens, () => clock.now, tokens),
      now: () => clock.now,
    });
    return { store, registry, clock };
  }

  it('loads every listed pool at once without spending the budget, 10 records per call', async () => {
    const { store, registry } = indexed();

    const records = await Promise.all(POOLS.map((pool) => registry.issuer(pool)));

    expect(records.map((r) => r?.userPoolId)).toEqual(POOLS);
    expect(store.calls).toHaveLength(1 + 3);
    expect(registry.reads()).toEqual({ getParameter: 0, getParameters: 4, budgetRefusals: 0 });
  });

  it('reads listed pools ahead, so one-at-a-time traffic costs one call per 10 pools', async () => {
    const { store, registry } = indexed();

    for (const pool of POOLS) expect((await registry.issuer(pool))?.userPoolId).toBe(pool);

    expect(store.recordCalls).toHaveLength(3);
  });

  it('meters only pools the index does not list, and refuses them without a read once spent', async () => {
    const { store, registry } = indexed(1);
    await registry.issuer(POOLS[0] as string);
    const before = store.recordCalls.length;

    expect(await registry.issuer('eu-west-1_Unknown1')).toBeUndefined();
    // Refused on the spot (synchronously here: the index is cached), without a read.
    expect(() => registry.issuer('eu-west-1_Unknown2')).toThrow(RegistryUnavailableError);

    expect(store.recordCalls.slice(before)).toEqual([issuerParameterName(PREFIX, 'eu-west-1_Unknown1')]);
    expect(registry.reads().budgetRefusals).toBe(1);
    // Listed pools still load meanwhile: the budget is spent, they never touch it.
    expect((await registry.issuer(POOLS[29] as string))?.userPoolId).toBe(POOLS[29]);
  });

  it('still finds a pool registered after the index was read (metered, negative answers cached)', async () => {
    const { store, registry } = indexed(5);
    await registry.issuer(POOLS[0] as string);
    store.putIssuer(issuerRecord(SHARED_POOL));

    expect((await registry.issuer(SHARED_POOL))?.userPoolId).toBe(SHARED_POOL);
    expect(store.recordCalls).toContain(issuerParameterName(PREFIX, SHARED_POOL));
  });

  it('falls back to metering every pool when the index is damaged, and never denies for it', async () => {
    const store = new FakeParameterStore(PREFIX)
      .putIssuer(issuerRecord(ACME_POOL))
      .putRaw(`${PREFIX}/issuer-index/0`, '{"shard":0,"shards":2,"userPoolIds":[]}');
    const registry = reader(store);

    expect(await registry.issuer(ACME_POOL)).toEqual(issuerRecord(ACME_POOL));
    expect(store.recordCalls).toEqual([issuerParameterName(PREFIX, ACME_POOL)]);
  });

  it('loads a burst of distinct hosts 10 per call', async () => {
    const store = new FakeParameterStore(PREFIX);
    const hosts = Array.from({ length: 25 }, (_, i) => `h${i}.app.example.com`);
    for (const host of hosts) store.putHost(host, hostRecord);
    const registry = reader(store);

    const found = await Promise.all(hosts.map((host) => registry.host(host)));

    expect(found.every((record) => record?.tenantId === 'acme')).toBe(true);
    expect(store.calls).toHaveLength(3);
  });
});
