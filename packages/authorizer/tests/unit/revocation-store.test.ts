import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CacheLoadTimeoutError } from '@cognito-tenancy/registry/ttl-cache';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createRevocationCheck, revocationLoadTimeoutMs } from '../../src/revocation-store';

const SUB = '0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const CUT_OFF = 1_900_000_000;

function setup(options: { ttlMs?: number; staleMs?: number; loadTimeoutMs?: number } = {}) {
  const client = new DynamoDBClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  let now = 1_000_000;
  const check = createRevocationCheck({
    client,
    tableName: 'revocations-test',
    cacheTtlMs: options.ttlMs ?? 30_000,
    staleIfErrorMs: options.staleMs ?? 60_000,
    loadTimeoutMs: options.loadTimeoutMs ?? 1000,
    now: () => now,
  });
  const answer = (issuedAt: number, sub = SUB, tenantId = 'acme') =>
    check({ tenantId, userPoolId: 'eu-west-1_A1', sub, issuedAt });
  // The verdict alone (its expiry is tested on its own below); sync stays sync.
  const revoked = (a: boolean | { revoked: boolean }) => (typeof a === 'boolean' ? a : a.revoked);
  const query = (issuedAt: number, sub = SUB, tenantId = 'acme') => {
    const a = answer(issuedAt, sub, tenantId);
    return a instanceof Promise ? a.then(revoked) : revoked(a);
  };
  return { mock, query, answer, advance: (ms: number) => (now += ms), now: () => now };
}

const stored = (revokedBefore: AttributeValue) => ({ Item: { pk: { S: `acme#${SUB}` }, revokedBefore } });

describe('createRevocationCheck', () => {
  it('reads only the cut-off of <tenantId>#<sub>, consistently', async () => {
    const { mock, query } = setup();
    mock.on(GetItemCommand).resolves({});
    await query(CUT_OFF);
    expect(mock.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'revocations-test',
      Key: { pk: { S: `acme#${SUB}` } },
      ProjectionExpression: '#before',
      ExpressionAttributeNames: { '#before': 'revokedBefore' },
      ConsistentRead: true,
    });
  });

  it('revokes a token issued before the cut-off, and only those', async () => {
    const { mock, query } = setup();
    mock.on(GetItemCommand).resolves(stored({ N: String(CUT_OFF) }));
    expect(await query(CUT_OFF - 3600)).toBe(true);
    expect(await query(CUT_OFF - 1)).toBe(true);
    expect(await query(CUT_OFF)).toBe(false);
    expect(await query(CUT_OFF + 1)).toBe(false);
  });

  it('answers from a fresh cache entry synchronously (no promise on the warm path), and loads asynchronously', async () => {
    const { mock, query } = setup();
    mock.on(GetItemCommand).resolves(stored({ N: String(CUT_OFF) }));
    const first = query(CUT_OFF - 1);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(true);
    expect(query(CUT_OFF - 1)).toBe(true);
    expect(query(CUT_OFF)).toBe(false);
  });

  it('lets every token of a user without a cut-off through', async () => {
    const { mock, query } = setup();
    mock.on(GetItemCommand).resolves({});
    expect(await query(1)).toBe(false);
  });

  it('reads the table once per user per TTL, for cut-offs and for their absence', async () => {
    const { mock, query, advance } = setup({ ttlMs: 30_000 });
    mock
      .on(GetItemCommand)
      .callsFake((input) => (input.Key.pk.S === `acme#${SUB}` ? stored({ N: String(CUT_OFF) }) : {}));
    await query(CUT_OFF - 1);
    await query(CUT_OFF - 1);
    await query(CUT_OFF, OTHER);
    await query(CUT_OFF, OTHER);
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(2);
    advance(29_999);
    await query(CUT_OFF - 1);
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(2);
    advance(1);
    await query(CUT_OFF - 1);
    await query(CUT_OFF, OTHER);
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(4);
  });

  it('sees a cut-off written after a negative answer once that answer expires', async () => {
    const { mock, query, advance } = setup({ ttlMs: 30_000 });
    mock.on(GetItemCommand).resolvesOnce({});
    expect(await query(CUT_OFF - 1)).toBe(false);
    mock.on(GetItemCommand).resolves(stored({ N: String(CUT_OFF) }));
    expect(await query(CUT_OFF - 1)).toBe(false);
    advance(30_000);
    expect(await query(CUT_OFF - 1)).toBe(true);
  });

  it('keeps users of different tenants apart', async () => {
    const { mock, query } = setup();
    mock
      .on(GetItemCommand)
      .callsFake((input) => (input.Key.pk.S === `acme#${SUB}` ? stored({ N: String(CUT_OFF) }) : {}));
    expect(await query(CUT_OFF - 1, SUB, 'acme')).toBe(true);
    expect(await query(CUT_OFF - 1, SUB, 'globex')).toBe(false);
  });
});

describe('how long an answer holds', () => {
  it('says until when its answer may be reused: the cache entry expiry, never later', async () => {
    const { mock, answer, advance, now } = setup({ ttlMs: 30_000 });
    mock.on(GetItemCommand).resolves({});
    const loadedAt = now();
    expect(await answer(CUT_OFF)).toEqual({ revoked: false, freshUntil: loadedAt + 30_000 });
    advance(20_000);
    // Answered from the cache: still the entry's own expiry, not 30 s from now.
    expect(answer(CUT_OFF)).toEqual({ revoked: false, freshUntil: loadedAt + 30_000 });
  });

  it('gives an answer served stale while the table fails an expiry already past', async () => {
    const { mock, answer, advance, now } = setup({ ttlMs: 30_000, staleMs: 60_000 });
    mock.on(GetItemCommand).resolvesOnce({});
    await answer(CUT_OFF);
    mock.on(GetItemCommand).rejects(new Error('down'));
    advance(40_000);
    const stale = await answer(CUT_OFF);
    expect(typeof stale === 'object' && stale.freshUntil).toBeLessThan(now());
  });
});

describe('failing closed', () => {
  it('rejects when the table fails and nothing is cached', async () => {
    const { mock, query } = setup();
    mock.on(GetItemCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(query(CUT_OFF)).rejects.toThrow('ProvisionedThroughput');
  });

  it('serves the last answer within the stale window while the table fails, then rejects', async () => {
    const { mock, query, advance } = setup({ ttlMs: 30_000, staleMs: 60_000 });
    mock.on(GetItemCommand).resolvesOnce(stored({ N: String(CUT_OFF) }));
    await query(CUT_OFF);
    mock.on(GetItemCommand).rejects(new Error('down'));
    advance(30_000);
    expect(await query(CUT_OFF - 1)).toBe(true);
    expect(await query(CUT_OFF)).toBe(false);
    advance(60_000);
    await expect(query(CUT_OFF)).rejects.toThrow('down');
  });

  it.each([
    ['a string cut-off', { S: String(CUT_OFF) }],
    ['a fractional cut-off', { N: '1900000000.5' }],
    ['a zero cut-off', { N: '0' }],
    ['no cut-off', undefined],
  ] as [string, AttributeValue | undefined][])(
    'rejects on a damaged item (%s): the user is denied, never waved through',
    async (_label, value) => {
      const { mock, query } = setup();
      mock.on(GetItemCommand).resolves(value === undefined ? { Item: { pk: { S: 'x' } } } : stored(value));
      await expect(query(CUT_OFF + 10)).rejects.toThrow(
        "revocation item: invalid or missing field 'revokedBefore'",
      );
    },
  );

  it('rejects a read that does not settle in time', async () => {
    const { mock, query } = setup({ loadTimeoutMs: 20 });
    mock.on(GetItemCommand).callsFake(() => new Promise(() => {}));
    await expect(query(CUT_OFF)).rejects.toBeInstanceOf(CacheLoadTimeoutError);
  });

  it.each([['not-a-uuid'], [`${SUB}#x`], [SUB.toUpperCase()]])(
    'rejects a sub that is not a Cognito sub (%s) without reading',
    async (sub) => {
      const { mock, query } = setup();
      expect(() => query(CUT_OFF, sub)).toThrow('invalid user sub');
      expect(mock.commandCalls(GetItemCommand)).toHaveLength(0);
    },
  );

  it('bounds one read by two attempts of both timeouts plus slack', () => {
    expect(revocationLoadTimeoutMs(500)).toBe(2250);
    expect(revocationLoadTimeoutMs(3000)).toBe(8250);
  });
});
