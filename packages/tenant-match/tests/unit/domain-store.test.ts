import { DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import { RecordFormatError } from '@cognito-tenancy/registry/records';
import { cacheOnClock } from '@cognito-tenancy/registry/testing/ttl-cache';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createDomainLookup } from '../../src/domain-store';
import { domainItem, storedDomainItem } from '../support/events';

function setup() {
  const client = new DynamoDBClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  const { cache, advance } = cacheOnClock<DomainItem>({
    ttlMs: 1000,
    negativeTtlMs: 500,
    staleIfErrorMs: 5000,
    maxEntries: 10,
  });
  return { mock, lookup: createDomainLookup({ client, tableName: 'tenants-test', cache }), advance };
}

describe('createDomainLookup', () => {
  it('reads exactly one item by the exact DOMAIN# key and parses it', async () => {
    const { mock, lookup } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedDomainItem('acme.com', domainItem('acme')) });

    const result = await lookup('acme.com');

    expect(result).toEqual({ value: domainItem('acme'), source: 'load' });
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(1);
    expect(mock.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'tenants-test',
      Key: { pk: { S: 'DOMAIN#acme.com' } },
    });
    expect(mock.commandCalls(ScanCommand)).toHaveLength(0);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('caches a found item for the positive TTL', async () => {
    const { mock, lookup, advance } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedDomainItem('acme.com', domainItem('acme')) });

    await lookup('acme.com');
    advance(999);
    const again = await lookup('acme.com');
    advance(1);
    const reloaded = await lookup('acme.com');

    expect(again.source).toBe('hit');
    expect(reloaded.source).toBe('load');
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(2);
  });

  it('caches a missing item as a negative entry', async () => {
    const { mock, lookup, advance } = setup();
    mock.on(GetItemCommand).resolves({});

    const first = await lookup('unknown.test');
    advance(499);
    const second = await lookup('unknown.test');

    expect(first).toEqual({ value: undefined, source: 'load' });
    expect(second).toEqual({ value: undefined, source: 'hit' });
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(1);
  });

  it('coalesces concurrent misses of one domain into one read', async () => {
    const { mock, lookup } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedDomainItem('acme.com', domainItem('acme')) });

    const results = await Promise.all([lookup('acme.com'), lookup('acme.com'), lookup('acme.com')]);

    expect(results.map((r) => r.value?.tenantId)).toEqual(['acme', 'acme', 'acme']);
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(1);
  });

  it('fails with RecordFormatError on a damaged item rather than returning part of it', async () => {
    const { mock, lookup } = setup();
    const damaged = storedDomainItem('acme.com', domainItem('acme'));
    damaged.tenantId = { S: 'ACME/../globex' };
    mock.on(GetItemCommand).resolves({ Item: damaged });

    await expect(lookup('acme.com')).rejects.toBeInstanceOf(RecordFormatError);
  });

  it('serves the stale item when the table fails after expiry', async () => {
    const { mock, lookup, advance } = setup();
    mock
      .on(GetItemCommand)
      .resolvesOnce({ Item: storedDomainItem('acme.com', domainItem('acme')) })
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));

    await lookup('acme.com');
    advance(2000);
    const stale = await lookup('acme.com');

    expect(stale).toEqual({ value: domainItem('acme'), source: 'stale' });
  });

  it('never builds a key from a domain that is not normalised', async () => {
    const { mock, lookup } = setup();
    mock.on(GetItemCommand).resolves({});

    await expect(lookup('ACME.com#x')).rejects.toThrow('invalid email domain for a registry key');
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(0);
  });
});
