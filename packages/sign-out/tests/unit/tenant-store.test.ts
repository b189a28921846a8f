import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { RecordFormatError, type TenantItem } from '@cognito-tenancy/registry/records';
import { cacheOnClock } from '@cognito-tenancy/registry/testing/ttl-cache';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createTenantLookup } from '../../src/tenant-store';
import { storedTenant, TENANTS } from '../support/world';

function setup() {
  const client = new DynamoDBClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  const { cache, advance } = cacheOnClock<TenantItem>({
    ttlMs: 1000,
    negativeTtlMs: 500,
    staleIfErrorMs: 0,
    maxEntries: 10,
  });
  return { mock, lookup: createTenantLookup({ client, tableName: 'tenants-test', cache }), advance };
}

describe('createTenantLookup', () => {
  it('reads the TENANT# item by its exact key and parses it', async () => {
    const { mock, lookup } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedTenant(TENANTS.acme!) });
    expect(await lookup('acme')).toEqual(TENANTS.acme);
    expect(mock.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'tenants-test',
      Key: { pk: { S: 'TENANT#acme' } },
    });
  });

  it('caches a missing tenant for the negative TTL', async () => {
    const { mock, lookup, advance } = setup();
    mock.on(GetItemCommand).resolves({});
    expect(await lookup('nobody')).toBeUndefined();
    expect(await lookup('nobody')).toBeUndefined();
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(1);
    advance(500);
    await lookup('nobody');
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(2);
  });

  it('fails closed on a damaged item and on one filed under another tenant', async () => {
    const { mock, lookup } = setup();
    mock.on(GetItemCommand).resolvesOnce({ Item: marshallItem({ pk: 'TENANT#acme', tenantId: 'acme' }) });
    await expect(lookup('acme')).rejects.toBeInstanceOf(RecordFormatError);
    mock.on(GetItemCommand).resolves({ Item: storedTenant(TENANTS.initech!, 'TENANT#acme') });
    await expect(lookup('acme')).rejects.toThrow("tenant item: invalid or missing field 'tenantId'");
  });

  it('never builds a key from an invalid tenant id', async () => {
    const { mock, lookup } = setup();
    await expect(lookup('../x')).rejects.toThrow('invalid tenant id');
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(0);
  });
});
