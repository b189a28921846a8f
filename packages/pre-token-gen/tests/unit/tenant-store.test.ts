import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { providerItemKey } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { createTenantCache } from '../../src/aws-clients';
import { RegistryError } from '../../src/errors';
import { createTenantLookup } from '../../src/tenant-store';
import { type Reply, recordingClient, SHARED_POOL, testConfig } from './fixtures';

const key = providerItemKey(SHARED_POOL, 'AcmeIdP');
const ACME_ITEM = marshallItem({
  pk: key.pk,
  tenantId: 'acme',
  emailDomains: ['acme.com'],
  groups: { allow: ['Admins'], prefixes: [] },
});

function setup(replies: Reply[], env: Record<string, string> = {}) {
  let now = 1_000_000;
  const { client, commands } = recordingClient(replies);
  const config = testConfig(env);
  const cache = createTenantCache(config, () => now);
  const lookup = createTenantLookup({
    client,
    tableName: 'tenants',
    cache,
  });
  return { lookup, commands, advance: (ms: number) => (now += ms) };
}

const throttled = () => {
  const error = new Error('Rate of requests exceeds the allowed throughput.');
  error.name = 'ProvisionedThroughputExceededException';
  return Promise.reject(error);
};

async function registryReason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  expect((error as Error).message).not.toMatch(/tenants|arn:|throughput/i);
  return (error as RegistryError).reason;
}

describe('createTenantLookup', () => {
  it('reads one item by its partition key and parses it', async () => {
    const { lookup, commands } = setup([async () => ({ Item: ACME_ITEM })]);
    expect(await lookup(key)).toEqual({
      tenantId: 'acme',
      emailDomains: ['acme.com'],
      groups: { allow: ['Admins'], prefixes: [] },
    });
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(GetItemCommand);
    expect(commands[0]?.input).toEqual({ TableName: 'tenants', Key: { pk: { S: key.pk } } });
  });

  it('caches found items for the TTL', async () => {
    const { lookup, commands, advance } = setup([async () => ({ Item: ACME_ITEM }), async () => ({})]);
    await lookup(key);
    advance(299_999);
    expect((await lookup(key))?.tenantId).toBe('acme');
    expect(commands).toHaveLength(1);
    advance(1);
    expect(await lookup(key)).toBeUndefined();
    expect(commands).toHaveLength(2);
  });

  it('remembers a missing item for the negative TTL', async () => {
    const { lookup, commands, advance } = setup([async () => ({}), async () => ({ Item: ACME_ITEM })]);
    expect(await lookup(key)).toBeUndefined();
    advance(29_999);
    expect(await lookup(key)).toBeUndefined();
    advance(1);
    expect((await lookup(key))?.tenantId).toBe('acme');
    expect(commands).toHaveLength(2);
  });

  it('coalesces concurrent misses into one read', async () => {
    const { lookup, commands } = setup([async () => ({ Item: ACME_ITEM })]);
    const results = await Promise.all([lookup(key), lookup(key), lookup(key)]);
    expect(results.map((r) => r?.tenantId)).toEqual(['acme', 'acme', 'acme']);
    expect(commands).toHaveLength(1);
  });

  it('turns throttling into a generic registry error', async () => {
    const { lookup } = setup([throttled]);
    expect(await registryReason(lookup(key))).toBe('registry-unavailable');
  });

  it('serves the stale item when the store fails after expiry', async () => {
    const { lookup, advance } = setup([async () => ({ Item: ACME_ITEM }), throttled]);
    await lookup(key);
    advance(301_000);
    expect((await lookup(key))?.tenantId).toBe('acme');
  });

  it('refuses a damaged item instead of half-reading it', async () => {
    const damaged = marshallItem({ pk: key.pk, tenantId: 'ACME!', emailDomains: ['acme.com'] });
    const { lookup } = setup([async () => ({ Item: damaged })]);
    expect(await registryReason(lookup(key))).toBe('registry-record-invalid');
  });

  it('gives up on a hanging read within the lookup budget', async () => {
    const { lookup } = setup([() => new Promise(() => {})], { DYNAMODB_TIMEOUT_MS: '50' });
    const started = Date.now();
    expect(await registryReason(lookup(key))).toBe('registry-unavailable');
    // 2 x 50 ms + 250 ms allowance; generous upper bound for slow machines.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
