import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDbLocal,
  type DynamoDbLocalOptions,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '@cognito-tenancy/local-stack/dynamodb-local';
import { createTenantTable, putTenantItems } from '@cognito-tenancy/local-stack/dynamodb-tenant-table';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { domainItemKey, poolItemKey } from '@cognito-tenancy/registry/keys';
import { type DomainItem, parseDomainItem, parseTenantClaimsItem } from '@cognito-tenancy/registry/records';
import { registryEntries } from '@cognito-tenancy/registry/registry-entries';
import { afterEach, describe, expect, it } from '@jest/globals';

const running: DynamoDbLocal[] = [];
const clients: DynamoDBClient[] = [];
const dirs: string[] = [];

async function start(options: DynamoDbLocalOptions = {}) {
  const db = await startDynamoDbLocal(options);
  running.push(db);
  const client = localDynamoDbClient(db.endpoint);
  clients.push(client);
  return { db, client };
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((db) => db.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const acme: DomainItem = {
  tenantId: 'acme',
  displayName: 'Acme Corp',
  pattern: 'shared',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_Shared01',
  clientId: 'client1',
  cognitoDomain: 'shared.auth.eu-west-1.amazoncognito.com',
  identityProvider: 'acme-saml',
  redirectUri: 'https://acme.app.example.com/callback',
  includeSubdomains: true,
};

async function getItem(client: DynamoDBClient, pk: string) {
  const { Item } = await client.send(new GetItemCommand({ TableName: 'tenants', Key: { pk: { S: pk } } }));
  return Item === undefined ? undefined : unmarshallItem(Item);
}

describe('startDynamoDbLocal', () => {
  it('listens on loopback on a free port and answers the real DynamoDB client', async () => {
    const { db, client } = await start();

    expect(db.host).toBe('127.0.0.1');
    expect(db.port).toBeGreaterThan(0);
    expect(db.endpoint).toBe(`http://127.0.0.1:${db.port}`);
    expect(await client.send(new ListTablesCommand({}))).toMatchObject({ TableNames: [] });
  });

  it('names the host and port when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;

    try {
      await expect(startDynamoDbLocal({ port })).rejects.toThrow(
        `DynamoDB (dynalite) cannot listen on 127.0.0.1:${port}: the port is already in use`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('frees its port on close, and a second close is harmless', async () => {
    const { db } = await start();

    await db.close();
    await db.close();
    const again = await start({ port: db.port });

    expect(again.db.port).toBe(db.port);
  });

  it('keeps tables and items across restarts when given a path (LevelDB, native addon)', async () => {
    const path = mkdtempSync(join(tmpdir(), 'dynalite-'));
    dirs.push(path);
    const first = await start({ path });
    await createTenantTable(first.client, 'tenants');
    await putTenantItems(first.client, 'tenants', [{ ...domainItemKey('acme.com'), ...acme }]);
    await first.db.close();

    const second = await start({ path });

    expect(await createTenantTable(second.client, 'tenants')).toBe('exists');
    expect(parseDomainItem(await getItem(second.client, 'DOMAIN#acme.com'))).toEqual(acme);
  });

  it('forgets everything on restart when in memory', async () => {
    const first = await start();
    await createTenantTable(first.client, 'tenants');
    await first.db.close();

    const second = await start();

    await expect(
      second.client.send(new DescribeTableCommand({ TableName: 'tenants' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('tenant table helpers', () => {
  it('creates the table as infra does: pk string hash key, on-demand, ACTIVE', async () => {
    const { client } = await start({ createTableMs: 100 });

    expect(await createTenantTable(client, 'tenants')).toBe('created');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'tenants' }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(Table?.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(await createTenantTable(client, 'tenants')).toBe('exists');
  });

  it('writes registry items that the Lambdas parse back unchanged', async () => {
    const { client } = await start();
    await createTenantTable(client, 'tenants');
    const claims = {
      tenantId: 'acme',
      emailDomains: ['acme.com', 'acme.co.uk'],
      groups: { allow: ['CN=Admins,OU=X'], prefixes: ['app-'] },
    };

    await putTenantItems(client, 'tenants', [
      { ...domainItemKey('acme.com'), ...acme },
      { ...poolItemKey('eu-west-1_Dedicated1'), ...claims },
    ]);

    expect(parseDomainItem(await getItem(client, 'DOMAIN#acme.com'))).toEqual(acme);
    expect(parseTenantClaimsItem(await getItem(client, 'POOL#eu-west-1_Dedicated1'))).toEqual(claims);
  });

  it('seeds every item registryEntries derives from a tenant file', async () => {
    const { client } = await start();
    await createTenantTable(client, 'tenants');
    const env = parseEnvironment(
      {
        environment: 'dev',
        region: 'eu-west-1',
        sharedPool: { domainPrefix: 'shared-dev' },
        tenants: [
          {
            id: 'globex',
            displayName: 'Globex',
            pattern: 'shared',
            emailDomains: ['globex.com', 'globex.de'],
            includeSubdomains: true,
            idp: { name: 'GlobexEntra', metadataUrl: 'https://login.globex.example/metadata' },
            callbackUrls: ['https://app.example.com/callback'],
          },
        ],
      },
      'dev.json',
    );
    const shared = {
      userPoolId: 'eu-west-1_Shared1',
      clientId: 'sharedclient1',
      cognitoDomain: 'shared-dev.auth.eu-west-1.amazoncognito.com',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shared1',
    };
    const { items } = registryEntries(env, { sharedPools: { 'shared-00': shared }, dedicatedPools: {} });

    await putTenantItems(
      client,
      'tenants',
      items.map((entry) => entry.item),
    );

    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const entry of items) {
      const stored = await getItem(client, entry.key);
      expect(stored).toEqual({ ...entry.item });
    }
    expect(parseDomainItem(await getItem(client, 'DOMAIN#globex.de'))).toMatchObject({
      tenantId: 'globex',
      includeSubdomains: true,
    });
  });

  it('replaces an item written again under the same key', async () => {
    const { client } = await start();
    await createTenantTable(client, 'tenants');

    await putTenantItems(client, 'tenants', [{ pk: 'DOMAIN#acme.com', ...acme }]);
    const renamed: DomainItem = { ...acme, displayName: 'Acme 2' };
    await putTenantItems(client, 'tenants', [{ pk: 'DOMAIN#acme.com', ...renamed }]);

    expect((await getItem(client, 'DOMAIN#acme.com'))?.displayName).toBe('Acme 2');
  });

  it('refuses an item without a string key before writing anything after it', async () => {
    const { client } = await start();
    await createTenantTable(client, 'tenants');
    const bad = { pk: 42 } as unknown as { pk: string };

    await expect(
      putTenantItems(client, 'tenants', [bad, { pk: 'DOMAIN#acme.com', ...acme }]),
    ).rejects.toThrow("tenant table item 0: 'pk' must be a non-empty string");
    expect(await getItem(client, 'DOMAIN#acme.com')).toBeUndefined();
  });
});
