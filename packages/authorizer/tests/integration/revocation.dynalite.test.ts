/**
 * Forced sign-out in the real handler module: tokens from cognito-local, the registry in
 * the SSM stand-in, and the revocations table in dynalite read through the real DynamoDB
 * client (AWS_ENDPOINT_URL_DYNAMODB), with the cut-off written as the sign-out function
 * writes it. Also: a DynamoDB endpoint that never answers is given up on within the bound.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type CapturedStdout, captureOutput } from '@cognito-tenancy/kit/testing/handler-module';
import {
  createAppClient,
  createDemoUser,
  createUserPool,
  decodeJwtPayload,
  localCognitoClient,
  signInWithPassword,
} from '@cognito-tenancy/local-stack/cognito-fixtures';
import { type CognitoLocal, startCognitoLocal } from '@cognito-tenancy/local-stack/cognito-local';
import {
  type DynamoDbLocal,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '@cognito-tenancy/local-stack/dynamodb-local';
import { createRevocationTable } from '@cognito-tenancy/local-stack/dynamodb-revocation-table';
import { type SsmServer, startSsmServer } from '@cognito-tenancy/local-stack/ssm-server';
import { hostParameterName, issuerParameterName, revocationItemKey } from '@cognito-tenancy/registry/keys';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { createRevocationCheck, createRevocationClient } from '../../src/revocation-store';
import { bearer, decide, requestEvent } from '../support/world';

const PREFIX = '/cognito-tenancy/it-revocation';
const PASSWORD = 'Correct-Horse-42!';
const HOST = 'acme.app.example.com';
const TABLE = 'revocations-it';

let cognito: CognitoLocal;
let ssm: SsmServer;
let db: DynamoDbLocal;
let dynamodb: DynamoDBClient;
let handler: (event: unknown) => Promise<APIGatewayAuthorizerResult>;
let pool: { id: string; client: string };
const usernames: Record<string, string> = {};
let logs: CapturedStdout;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(name: string): Promise<{ token: string; sub: string; iat: number }> {
  const client = localCognitoClient(cognito.endpoint);
  const result = await signInWithPassword(client, pool.client, usernames[name]!, PASSWORD);
  client.destroy();
  const token = String(result.AccessToken);
  const claims = decodeJwtPayload(token);
  return { token, sub: String(claims.sub), iat: Number(claims.iat) };
}

async function revoke(sub: string, revokedBefore: number): Promise<void> {
  await dynamodb.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: {
        pk: { S: revocationItemKey('acme', sub).pk },
        revokedBefore: { N: String(revokedBefore) },
        expiresAt: { N: String(revokedBefore + 7200) },
      },
    }),
  );
}

const call = (token: string) => decide(handler, requestEvent(bearer(token), HOST));
const lastReason = () => (logs.jsonLines().at(-1) as { reason?: string } | undefined)?.reason;

beforeAll(async () => {
  [cognito, ssm, db] = await Promise.all([startCognitoLocal(), startSsmServer(), startDynamoDbLocal()]);
  const idp = localCognitoClient(cognito.endpoint);
  const id = await createUserPool(idp, 'acme');
  pool = { id, client: await createAppClient(idp, id) };
  for (const name of ['alice', 'carol']) {
    usernames[name] = await createDemoUser(idp, {
      userPoolId: id,
      email: `${name}@acme.com`,
      password: PASSWORD,
    });
  }
  idp.destroy();
  const client = new SSMClient({
    endpoint: ssm.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const put = (Name: string, value: unknown) =>
    client.send(new PutParameterCommand({ Name, Value: JSON.stringify(value), Type: 'String' }));
  await put(issuerParameterName(PREFIX, id), {
    issuer: cognito.issuer(id),
    userPoolId: id,
    region: 'local',
    clientIds: [pool.client],
    pattern: 'dedicated',
    tenantId: 'acme',
  });
  await put(hostParameterName(PREFIX, HOST), {
    tenantId: 'acme',
    pattern: 'dedicated',
    region: 'local',
    userPoolId: id,
    clientId: pool.client,
    cognitoDomain: 'acme.auth.local',
    identityProvider: 'AcmeOkta',
    redirectUri: `https://${HOST}/callback`,
  });
  client.destroy();
  dynamodb = localDynamoDbClient(db.endpoint, 'eu-west-1');
  await createRevocationTable(dynamodb, TABLE);

  Object.assign(process.env, {
    REGISTRY_PREFIX: PREFIX,
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_SSM: ssm.url,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    LOCAL_ISSUER_ORIGIN: cognito.endpoint,
    REVOCATION_TABLE_NAME: TABLE,
    REVOCATION_CACHE_TTL_SECONDS: '1',
    REVOCATION_STALE_IF_ERROR_SECONDS: '60',
    REVOCATION_TIMEOUT_MS: '200',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  logs = captureOutput();
  ({ handler } = await import('../../src/handler'));
}, 60_000);

afterAll(async () => {
  jest.restoreAllMocks();
  dynamodb?.destroy();
  await Promise.all([cognito?.close(), ssm?.close(), db?.close()]);
});

describe('the Lambda handler with a revocations table', () => {
  it('denies a token issued before the cut-off within the cache TTL, on verified-token cache hits too', async () => {
    const alice = await signIn('alice');
    expect((await call(alice.token)).kind).toBe('allow');
    expect((await call(alice.token)).kind).toBe('allow');

    await revoke(alice.sub, alice.iat + 1);
    // The "no cut-off" answer is cached for REVOCATION_CACHE_TTL_SECONDS (1 s here).
    const deadline = Date.now() + 1000 + 500;
    let kind = (await call(alice.token)).kind;
    while (kind === 'allow' && Date.now() < deadline) {
      await sleep(100);
      kind = (await call(alice.token)).kind;
    }

    expect(kind).toBe('unauthorized');
    expect(lastReason()).toBe('token-revoked');
  });

  it('allows a token issued at or after the cut-off (a new sign-in)', async () => {
    const before = await signIn('alice');
    await revoke(before.sub, before.iat + 1);
    while (Math.floor(Date.now() / 1000) <= before.iat) await sleep(50);
    await sleep(1100);

    const after = await signIn('alice');

    expect(after.iat).toBeGreaterThanOrEqual(before.iat + 1);
    expect((await call(after.token)).kind).toBe('allow');
    expect((await call(before.token)).kind).toBe('unauthorized');
  });

  it('keeps other users of the tenant unaffected', async () => {
    const carol = await signIn('carol');
    expect((await call(carol.token)).kind).toBe('allow');
  });

  it('fails closed once the table is gone: cached users keep their answer, an unseen one is denied', async () => {
    const alice = await signIn('alice');
    expect((await call(alice.token)).kind).toBe('allow');
    await db.close();
    await sleep(1100);

    // Within the stale window the last answer for alice stands.
    expect((await call(alice.token)).kind).toBe('allow');
    // Bob's token verifies, but nothing is known about him and the table cannot answer.
    const idp = localCognitoClient(cognito.endpoint);
    const bob = await createDemoUser(idp, { userPoolId: pool.id, email: 'bob@acme.com', password: PASSWORD });
    const result = await signInWithPassword(idp, pool.client, bob, PASSWORD);
    idp.destroy();
    expect((await call(String(result.AccessToken))).kind).toBe('unauthorized');
    expect(lastReason()).toBe('revocation-unavailable');
  });
});

describe('the DynamoDB client of the check', () => {
  let silent: Server;
  const sockets = new Set<import('node:net').Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: only the request timeout can end a read.
    silent = createServer(() => {});
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('gives up on a silent endpoint after two attempts of the request timeout', async () => {
    const { port } = silent.address() as AddressInfo;
    const previous = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    // The client takes its endpoint from the environment, as in the Lambda.
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${port}`;
    const client = createRevocationClient({ timeoutMs: 150 });
    const check = createRevocationCheck({
      client,
      tableName: TABLE,
      cacheTtlMs: 0,
      staleIfErrorMs: 0,
      // Far beyond two attempts: the SDK's own timeout must end the read.
      loadTimeoutMs: 10_000,
    });
    const started = Date.now();
    try {
      await expect(
        check({
          tenantId: 'acme',
          userPoolId: pool.id,
          sub: '0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
          issuedAt: 1,
        }),
      ).rejects.toThrow();
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = previous;
      client.destroy();
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
