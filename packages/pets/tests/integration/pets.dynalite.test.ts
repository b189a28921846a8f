/**
 * The real handler module (real SDK client, real Powertools logger) against dynalite on
 * loopback: the tenant table seeded with the items `registryEntries` derives from a tenant
 * file (as infra and the local stack write them), the pets table created from
 * `petsTableDefinition` (the layout infra declares), the endpoint through
 * `AWS_ENDPOINT_URL_DYNAMODB` as the local stack sets it.
 */
import { CreateTableCommand, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { loadHandlerForEmulators } from '@cognito-tenancy/kit/testing/handler-module';
import {
  type DynamoDbLocal,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '@cognito-tenancy/local-stack/dynamodb-local';
import { createTenantTable, putTenantItems } from '@cognito-tenancy/local-stack/dynamodb-tenant-table';
import { registryEntries } from '@cognito-tenancy/registry/registry-entries';
import { IT_ACME, IT_GLOBEX, itEnvironment } from '@cognito-tenancy/registry/testing/it-environment';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PetsHandler } from '../../src/create-handler';
import { petsTableDefinition } from '../../src/pets-table';
import { acmeAdmin, acmeMember, type Caller, event } from '../support/world';

const environment = itEnvironment([IT_ACME, IT_GLOBEX]);

const globexAdmin: Caller = {
  tenantId: 'globex',
  sub: '33333333-3333-4333-8333-333333333333',
  groups: ['sg-app-admins'],
};

const savedEnv = { ...process.env };
let db: DynamoDbLocal;
let dynamodb: DynamoDBClient;
let handler: PetsHandler;

beforeAll(async () => {
  db = await startDynamoDbLocal();
  dynamodb = localDynamoDbClient(db.endpoint, 'eu-west-1');
  const pool = (userPoolId: string) => ({
    userPoolId,
    clientId: 'c1',
    cognitoDomain: 'http://127.0.0.1:1',
    issuer: `http://127.0.0.1:1/${userPoolId}`,
  });
  const { items } = registryEntries(environment, {
    sharedPools: { 'shared-00': pool('eu-west-1_Shared123') },
    dedicatedPools: { acme: pool('eu-west-1_AcmePool1') },
  });
  await createTenantTable(dynamodb, 'tenants-it');
  await putTenantItems(
    dynamodb,
    'tenants-it',
    items.map((entry) => entry.item),
  );
  await dynamodb.send(new CreateTableCommand(petsTableDefinition('pets-it')));
  handler = await loadHandlerForEmulators(
    savedEnv,
    {
      TENANT_TABLE_NAME: 'tenants-it',
      PETS_TABLE_NAME: 'pets-it',
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    },
    () => import('../../src/handler'),
  );
}, 60_000);

afterAll(async () => {
  process.env = { ...savedEnv };
  dynamodb?.destroy();
  await db?.close();
});

const post = (caller: Caller, pet: object) =>
  handler(event(caller, { method: 'POST', body: JSON.stringify(pet) }));

describe('pets against dynalite', () => {
  it('an admin creates pets that the tenant members list and read; the admin group comes from TENANT#', async () => {
    const created = await post(acmeAdmin, { name: 'Rex', species: 'dog' });
    expect(created.statusCode).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };

    const list = await handler(event(acmeMember));
    const one = await handler(event(acmeMember, { path: `/pets/${id}` }));

    expect(JSON.parse(list.body)).toEqual({
      pets: [{ id, name: 'Rex', species: 'dog', createdAt: expect.any(String) }],
      truncated: false,
    });
    expect(JSON.parse(one.body)).toMatchObject({ id, name: 'Rex' });
  });

  it('a member cannot write; another tenant never sees or reads the pets, whatever headers it sends', async () => {
    const denied = await post(acmeMember, { name: 'Nope' });
    const globexPet = await post(globexAdmin, { name: 'Tom' });
    const { id: tomId } = JSON.parse(globexPet.body) as { id: string };
    const forged = { 'X-Tenant-Id': 'acme', X_Tenant_Id: 'acme', 'x-user-groups': '["Admins"]' };

    const globexList = await handler(event(globexAdmin, { headers: forged }));
    const acmeReadsTom = await handler(event(acmeMember, { path: `/pets/${tomId}`, headers: forged }));

    expect(denied.statusCode).toBe(403);
    expect(
      (JSON.parse(globexList.body) as { pets: Array<{ name: string }> }).pets.map((p) => p.name),
    ).toEqual(['Tom']);
    expect(acmeReadsTom.statusCode).toBe(404);
  });

  it('stores every pet under its tenant partition, in the layout infra declares', async () => {
    const partition = async (pk: string) =>
      (
        await dynamodb.send(
          new QueryCommand({
            TableName: 'pets-it',
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];

    const acme = await partition('TENANT#acme');
    const globex = await partition('TENANT#globex');

    expect(acme.map((item) => item.name?.S)).toEqual(['Rex']);
    expect(globex.map((item) => item.name?.S)).toEqual(['Tom']);
    for (const item of [...acme, ...globex]) expect(item.sk?.S).toMatch(/^PET#[0-9a-f-]{36}$/);
  });
});
