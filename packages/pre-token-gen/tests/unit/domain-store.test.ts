import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { describe, expect, it } from '@jest/globals';
import { createDomainCache } from '../../src/aws-clients';
import { createDomainLookup } from '../../src/domain-store';
import { RegistryError } from '../../src/errors';
import { type Reply, recordingClient, SHARED_POOL, testConfig } from './fixtures';

const ACME_DOMAIN_ITEM = marshallItem({
  pk: 'DOMAIN#acme.com',
  tenantId: 'acme',
  displayName: 'Acme',
  pattern: 'shared',
  region: 'eu-west-1',
  userPoolId: SHARED_POOL,
  clientId: 'client123',
  cognitoDomain: 'shared.auth.eu-west-1.amazoncognito.com',
  identityProvider: 'AcmeIdP',
  redirectUri: 'https://app.example.com/callback',
  includeSubdomains: true,
});

function setup(replies: Reply[]) {
  const { client, commands } = recordingClient(replies);
  const lookup = createDomainLookup({
    client,
    tableName: 'tenants',
    cache: createDomainCache(testConfig()),
  });
  return { lookup, commands };
}

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof RegistryError ? error.reason : undefined;
}

describe('createDomainLookup', () => {
  it('reads DOMAIN#<domain> once with GetItem and serves it from the cache', async () => {
    const { lookup, commands } = setup([async () => ({ Item: ACME_DOMAIN_ITEM })]);

    const first = await lookup('acme.com');
    const second = await lookup('acme.com');

    expect(first.value).toMatchObject({ tenantId: 'acme', includeSubdomains: true });
    expect(second.source).toBe('hit');
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(GetItemCommand);
    expect(commands[0]?.input).toEqual({ TableName: 'tenants', Key: { pk: { S: 'DOMAIN#acme.com' } } });
  });

  it('answers no item for a missing domain', async () => {
    const { lookup } = setup([async () => ({})]);

    expect((await lookup('unknown.test')).value).toBeUndefined();
  });

  it('turns a store error into registry-unavailable and a damaged item into registry-record-invalid', async () => {
    const { lookup } = setup([
      () => Promise.reject(new Error('throttled')),
      async () => ({ Item: marshallItem({ pk: 'DOMAIN#bad.test', tenantId: 'NOT A TENANT' }) }),
    ]);

    expect(await reasonOf(lookup('acme.com'))).toBe('registry-unavailable');
    expect(await reasonOf(lookup('bad.test'))).toBe('registry-record-invalid');
  });
});
