import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserLambdaValidationException } from '@aws-sdk/client-cognito-identity-provider';
import {
  createAppClient,
  createDemoUser,
  createUserPool,
  decodeJwtPayload,
  localCognitoClient,
  signInWithPassword,
} from '@cognito-tenancy/local-stack/cognito-fixtures';
import {
  type CognitoLocal,
  CognitoLocalStartError,
  cognitoLocalConfig,
  startCognitoLocal,
} from '@cognito-tenancy/local-stack/cognito-local';
import {
  type LambdaInvokeServer,
  startLambdaInvokeServer,
} from '@cognito-tenancy/local-stack/lambda-invoke-server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

// A trigger that reports what cognito-local sent it, and refuses users named "deny".
const TRIGGER = `
export const handler = async (event) => {
  if (event.userName.startsWith('deny')) throw new Error('generic refusal');
  return {
    ...event,
    response: {
      claimsOverrideDetails: {
        claimsToAddOrOverride: {
          seen: JSON.stringify({
            version: event.version, region: event.region, source: event.triggerSource,
            groupConfiguration: event.request.groupConfiguration,
            identities: event.request.userAttributes.identities !== undefined,
          }),
        },
        claimsToSuppress: ['custom:tenantName'],
      },
    },
  };
};`;

let dir: string;
let lambda: LambdaInvokeServer;
let cognito: CognitoLocal;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cognito-local-test-'));
  writeFileSync(join(dir, 'trigger.mjs'), TRIGGER);
  lambda = await startLambdaInvokeServer({
    functions: { 'pre-token-gen': { bundle: join(dir, 'trigger.mjs') } },
  });
  cognito = await startCognitoLocal({ lambdaEndpoint: lambda.url });
}, 30_000);

afterAll(async () => {
  await cognito?.close();
  await lambda?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startCognitoLocal', () => {
  it('listens on loopback and names the issuer of a pool', () => {
    expect(cognito.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cognito.issuer('local_AbCd1234')).toBe(`${cognito.endpoint}/local_AbCd1234`);
  });

  it('signs a federated-looking demo user in, calling the trigger through the Lambda endpoint', async () => {
    const client = localCognitoClient(cognito.endpoint);
    const poolId = await createUserPool(client, 'shared');
    expect(poolId).toMatch(/^local_[0-9a-zA-Z]+$/);
    const clientId = await createAppClient(client, poolId);
    const username = await createDemoUser(client, {
      userPoolId: poolId,
      providerName: 'AcmeIdP',
      userId: 'bob',
      email: 'bob@acme.com',
      password: 'Passw0rd!local',
      groups: '[Admins, Users]',
      attributes: { 'custom:tenantName': 'forged' },
    });
    expect(username).toBe('AcmeIdP_bob');
    const tokens = await signInWithPassword(client, clientId, username, 'Passw0rd!local');
    const id = decodeJwtPayload(tokens.IdToken ?? '');
    expect(id).toMatchObject({
      iss: `${cognito.endpoint}/${poolId}`,
      aud: clientId,
      token_use: 'id',
      'cognito:username': 'AcmeIdP_bob',
      'cognito:groups': [`${poolId}_AcmeIdP`],
      'custom:groups': '[Admins, Users]',
      email: 'bob@acme.com',
    });
    expect(id['custom:tenantName']).toBeUndefined();
    // What the emulator sends triggers (documented in the pre-token-gen README).
    expect(JSON.parse(String(id.seen))).toEqual({
      version: '0',
      region: 'local',
      source: 'TokenGeneration_Authentication',
      groupConfiguration: {},
      identities: true,
    });
    // Only the ID token is customised.
    expect(decodeJwtPayload(tokens.AccessToken ?? '').seen).toBeUndefined();
  });

  it('fails the sign-in when the trigger throws', async () => {
    const client = localCognitoClient(cognito.endpoint);
    const poolId = await createUserPool(client, 'refusing');
    const clientId = await createAppClient(client, poolId);
    const username = await createDemoUser(client, {
      userPoolId: poolId,
      email: 'deny@acme.com',
      password: 'Passw0rd!x',
    });
    await expect(signInWithPassword(client, clientId, username, 'Passw0rd!x')).rejects.toBeInstanceOf(
      UserLambdaValidationException,
    );
  });

  it('writes the config cognito-local reads: the Lambda endpoint, the trigger and no email usernames', () => {
    expect(
      cognitoLocalConfig({ lambdaEndpoint: 'http://127.0.0.1:1' }, 'http://127.0.0.1:2', '127.0.0.1', 2),
    ).toEqual({
      LambdaClient: {
        endpoint: 'http://127.0.0.1:1',
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxRetries: 0,
        httpOptions: { timeout: 5000 },
      },
      TriggerFunctions: { PreTokenGeneration: 'pre-token-gen' },
      UserPoolDefaults: { UsernameAttributes: [] },
      TokenConfig: { IssuerDomain: 'http://127.0.0.1:2' },
      ServerConfig: { hostname: '127.0.0.1', port: 2 },
    });
    expect(cognitoLocalConfig({}, 'http://h:1', 'h', 1).TriggerFunctions).toEqual({});
  });

  it('reports a port it cannot take, with the emulator’s log', async () => {
    // Holds the port; drops every connection so that closing it never waits.
    const blocker: Server = createServer((socket) => socket.destroy());
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      await expect(startCognitoLocal({ port, startTimeoutMs: 10_000 })).rejects.toBeInstanceOf(
        CognitoLocalStartError,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 20_000);
});
