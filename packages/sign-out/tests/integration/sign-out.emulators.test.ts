/**
 * The real handler module (real SDK clients, real Powertools logger) against dynalite and
 * cognito-local on loopback: the tenant table seeded with the items `registryEntries`
 * derives from a tenant file (as infra and the local stack write them), users created as
 * federated users look in Cognito, ListUsers' `sub` filter answered by cognito-local, and
 * AdminUserGlobalSignOut answered by the local stack's shim (cognito-local lacks it).
 */
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { loadHandlerForEmulators } from '@cognito-tenancy/kit/testing/handler-module';
import {
  type CognitoAdminShim,
  startCognitoAdminShim,
} from '@cognito-tenancy/local-stack/cognito-admin-shim';
import {
  createAppClient,
  createDemoUser,
  createUserPool,
  localCognitoClient,
} from '@cognito-tenancy/local-stack/cognito-fixtures';
import { type CognitoLocal, startCognitoLocal } from '@cognito-tenancy/local-stack/cognito-local';
import {
  type DynamoDbLocal,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '@cognito-tenancy/local-stack/dynamodb-local';
import { createRevocationTable } from '@cognito-tenancy/local-stack/dynamodb-revocation-table';
import { createTenantTable, putTenantItems } from '@cognito-tenancy/local-stack/dynamodb-tenant-table';
import { registryEntries } from '@cognito-tenancy/registry/registry-entries';
import { IT_ACME, IT_GLOBEX, itEnvironment } from '@cognito-tenancy/registry/testing/it-environment';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { SignOutHandler } from '../../src/create-handler';

const environment = itEnvironment([
  IT_ACME,
  IT_GLOBEX,
  {
    id: 'umbrella',
    displayName: 'Umbrella',
    pattern: 'shared',
    emailDomains: ['umbrella.example'],
    idp: { name: 'UmbrellaGoogle', metadataUrl: 'https://accounts.umbrella.example/metadata' },
    groups: { admin: 'research-admins' },
    callbackUrls: ['https://app.example.com/callback'],
  },
]);

const savedEnv = { ...process.env };
let db: DynamoDbLocal;
let cognito: CognitoLocal;
let shim: CognitoAdminShim;
let dynamodb: DynamoDBClient;
let idp: CognitoIdentityProviderClient;
let handler: SignOutHandler;
let acmePool: string;
let sharedPool: string;
const subs = new Map<string, string>();

async function user(userPoolId: string, providerName: string, email: string): Promise<void> {
  const username = await createDemoUser(idp, {
    userPoolId,
    email,
    password: 'Passw0rd!x',
    providerName,
    userId: email,
  });
  const { UserAttributes = [] } = await idp.send(
    new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
  );
  subs.set(email, UserAttributes.find((a) => a.Name === 'sub')?.Value ?? '');
}

function event(
  caller: { tenantId: string; email: string; groups: string[] },
  target: string,
): APIGatewayProxyEvent {
  return {
    httpMethod: 'POST',
    resource: '/admin/users/{sub}/sign-out',
    path: `/admin/users/${target}/sign-out`,
    headers: {},
    pathParameters: { sub: target },
    requestContext: {
      authorizer: {
        tenantId: caller.tenantId,
        sub: subs.get(caller.email),
        groups: JSON.stringify(caller.groups),
        principalId: subs.get(caller.email),
      },
    },
  } as unknown as APIGatewayProxyEvent;
}

async function revocation(key: string) {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: 'revocations-it', Key: { pk: { S: key } }, ConsistentRead: true }),
  );
  return Item;
}

beforeAll(async () => {
  [db, cognito] = await Promise.all([startDynamoDbLocal(), startCognitoLocal()]);
  shim = await startCognitoAdminShim({ cognitoEndpoint: cognito.endpoint });
  dynamodb = localDynamoDbClient(db.endpoint, 'eu-west-1');
  idp = localCognitoClient(cognito.endpoint);
  acmePool = await createUserPool(idp, 'acme-it');
  sharedPool = await createUserPool(idp, 'shared-it');
  const pool = (userPoolId: string) => ({
    userPoolId,
    clientId: 'c1',
    cognitoDomain: cognito.endpoint,
    issuer: cognito.issuer(userPoolId),
  });
  await createAppClient(idp, acmePool);
  await user(acmePool, 'AcmeOkta', 'alice@acme.example');
  await user(acmePool, 'AcmeOkta', 'bob@acme.example');
  await user(sharedPool, 'GlobexEntra', 'hank@globex.example');
  await user(sharedPool, 'GlobexEntra', 'frank@globex.example');
  await user(sharedPool, 'UmbrellaGoogle', 'chris@umbrella.example');
  const { items } = registryEntries(environment, {
    sharedPools: { 'shared-00': pool(sharedPool) },
    dedicatedPools: { acme: pool(acmePool) },
  });
  await createTenantTable(dynamodb, 'tenants-it');
  await putTenantItems(
    dynamodb,
    'tenants-it',
    items.map((entry) => entry.item),
  );
  await createRevocationTable(dynamodb, 'revocations-it');

  handler = await loadHandlerForEmulators(
    savedEnv,
    {
      TENANT_TABLE_NAME: 'tenants-it',
      REVOCATION_TABLE_NAME: 'revocations-it',
      REVOCATION_TTL_SECONDS: '7200',
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: shim.endpoint,
    },
    () => import('../../src/handler'),
  );
}, 60_000);

afterAll(async () => {
  process.env = { ...savedEnv };
  dynamodb?.destroy();
  idp?.destroy();
  await Promise.all([shim?.close(), cognito?.close(), db?.close()]);
});

const alice = { tenantId: 'acme', email: 'alice@acme.example', groups: ['Admins'] };
const hank = { tenantId: 'globex', email: 'hank@globex.example', groups: ['sg-app-admins'] };

describe('sign-out against dynalite and cognito-local', () => {
  it('finds the user by sub in the tenant’s pool, records the cut-off and signs them out', async () => {
    const bob = subs.get('bob@acme.example')!;
    const before = Math.floor(Date.now() / 1000);

    const response = await handler(event(alice, bob));

    expect(response.statusCode).toBe(200);
    const { revokedBefore } = JSON.parse(response.body) as { revokedBefore: number };
    expect(revokedBefore).toBeGreaterThan(before);
    expect(revokedBefore).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 2);
    expect(await revocation(`acme#${bob}`)).toEqual({
      pk: { S: `acme#${bob}` },
      tenantId: { S: 'acme' },
      sub: { S: bob },
      revokedBefore: { N: String(revokedBefore) },
      expiresAt: { N: String(revokedBefore + 7200) },
      revokedBy: { S: subs.get('alice@acme.example') },
    });
    expect(shim.signOutCalls()).toEqual([
      { userPoolId: acmePool, username: 'AcmeOkta_bob@acme.example', at: expect.any(Number) },
    ]);
  });

  it('signs out a shared-pool user of the admin’s own IdP only', async () => {
    const frank = subs.get('frank@globex.example')!;
    const chris = subs.get('chris@umbrella.example')!;

    const own = await handler(event(hank, frank));
    const foreign = await handler(event(hank, chris));
    const unknown = await handler(event(hank, '00000000-0000-4000-8000-000000000000'));

    expect(own.statusCode).toBe(200);
    expect(foreign).toEqual(unknown);
    expect(foreign.statusCode).toBe(404);
    expect(await revocation(`umbrella#${chris}`)).toBeUndefined();
    expect(await revocation(`globex#${chris}`)).toBeUndefined();
    expect(shim.signOutCalls().map((c) => c.username)).not.toContain('UmbrellaGoogle_chris@umbrella.example');
  });

  it('never moves a stored cut-off back', async () => {
    const bob = subs.get('bob@acme.example')!;
    const future = Math.floor(Date.now() / 1000) + 3600;
    await dynamodb.send(
      new PutItemCommand({
        TableName: 'revocations-it',
        Item: { pk: { S: `acme#${bob}` }, revokedBefore: { N: String(future) } },
      }),
    );

    const response = await handler(event(alice, bob));

    expect(response.statusCode).toBe(200);
    expect((await revocation(`acme#${bob}`))?.revokedBefore).toEqual({ N: String(future) });
  });

  it('refuses a member of the tenant without touching Cognito', async () => {
    const calls = shim.signOutCalls().length;
    const response = await handler(
      event(
        { tenantId: 'acme', email: 'bob@acme.example', groups: ['Readers'] },
        subs.get('alice@acme.example')!,
      ),
    );
    expect(response.statusCode).toBe(403);
    expect(shim.signOutCalls()).toHaveLength(calls);
  });

  it('answers 503 when the revocations table is gone, before signing anyone out', async () => {
    const calls = shim.signOutCalls().length;
    await db.close();
    const response = await handler(event(hank, subs.get('frank@globex.example')!));
    expect(response.statusCode).toBe(503);
    expect(shim.signOutCalls()).toHaveLength(calls);
  });
});
