/**
 * The local stack on the demo environment with `"tenantStacks": true` (issue #21), seeded as
 * infra deploys that layout: each shared tenant has its own app client in its shard
 * (`<shard pool name>-<tenant id>`), the shard has no common client, its issuer record lists
 * none, a ClientRecord binds each own client to its tenant, and discovery hands out the
 * tenant's own client. Then through the gateway: a shared tenant's user signed in through
 * their own client is authorized, while a token of one tenant's client carrying another
 * tenant's identity is refused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  type CognitoIdentityProviderClient,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { decodeJwtPayload, localCognitoClient } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { DEFAULT_DEMO_USERS_FILE } from '@cognito-tenancy/local-stack/demo-users';
import { appClients } from '@cognito-tenancy/local-stack/managed-login/app-clients';
import { environmentFile, PARTS, type Part } from '@cognito-tenancy/local-stack/options';
import { seedPools } from '@cognito-tenancy/local-stack/seed';
import { type LocalStack, startLocalStack } from '@cognito-tenancy/local-stack/stack';
import { keyTemplates } from '@cognito-tenancy/registry/keys';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { federatedUsername, signIn } from '../e2e/http-flow';
import { httpRequest } from './http';

let stack: LocalStack;
let tempDir: string;
let cognito: CognitoIdentityProviderClient;
let ssm: SSMClient;

/** demo.json with `tenantStacks` in `dir`; `metadataFile`s resolved against demo's folder. */
function tenantStacksVariant(dir: string): string {
  const source = environmentFile('demo');
  const raw = JSON.parse(readFileSync(source, 'utf8')) as {
    tenants: Array<{ idp: { metadataFile?: string } }>;
  };
  for (const { idp } of raw.tenants) {
    if (idp.metadataFile !== undefined && !isAbsolute(idp.metadataFile))
      idp.metadataFile = resolve(dirname(source), idp.metadataFile);
  }
  const file = join(dir, 'demo-tenant-stacks.json');
  writeFileSync(file, `${JSON.stringify({ ...raw, tenantStacks: true }, null, 2)}\n`);
  return file;
}

const shard = () => stack.pools.sharedPools?.['shared-00'];
const ownClient = (tenantId: string) => stack.pools.sharedClients?.[tenantId];
const parameter = async (name: string): Promise<unknown> => {
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
  return JSON.parse(Parameter?.Value ?? 'null');
};

/** An ID token of a demo user, signed in through `clientId` straight against cognito-local. */
const tokenOf = async (email: string, idp: string, clientId: string) =>
  (await signIn(fetch, stack.urls.cognito, clientId, federatedUsername(idp, email), stack.password)).idToken;

/** Whether the authorizer's log has a line containing `text` (within 5 s: the log is streamed). */
async function authorizerLogged(text: string): Promise<boolean> {
  const file = join(stack.logDir, 'authorizer.log');
  for (let waited = 0; waited < 5000; waited += 100) {
    if (existsSync(file) && readFileSync(file, 'utf8').includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const call = (host: string, path: string, token?: string, body?: unknown) =>
  httpRequest({
    port: stack.ports.gateway,
    host,
    path,
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'tenant-stacks-'));
  stack = await startLocalStack({
    envFile: tenantStacksVariant(tempDir),
    usersFile: DEFAULT_DEMO_USERS_FILE,
    // The state folder must be empty or the local stack's own.
    stateDir: join(tempDir, 'state'),
    reset: false,
    build: false,
    ports: Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>,
    serviceUrl: undefined,
    authorizerCacheTtlSeconds: 0,
  });
  cognito = localCognitoClient(stack.urls.cognito);
  ssm = new SSMClient({
    endpoint: stack.urls.ssm,
    region: stack.env.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 90_000);

afterAll(async () => {
  cognito?.destroy();
  ssm?.destroy();
  await stack?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('seeding the tenantStacks layout', () => {
  it("gives each shared tenant its own app client in its shard's pool, and the shard no common client", async () => {
    const userPoolId = shard()?.userPoolId;
    const { UserPoolClients = [] } = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
    );
    const clients = UserPoolClients.map((c) => [c.ClientName, c.ClientId]).sort();
    expect(clients).toEqual([
      ['ct-demo-shared-globex', ownClient('globex')],
      ['ct-demo-shared-umbrella', ownClient('umbrella')],
    ]);
    expect(ownClient('globex')).not.toBe(ownClient('umbrella'));
    // The managed-login stand-in offers each own client its tenant's IdP only.
    const offered = appClients(stack.env, stack.pools);
    expect(offered.get(ownClient('globex') ?? '')?.idps.map((idp) => idp.name)).toEqual(['GlobexEntra']);
    expect(offered.get(ownClient('umbrella') ?? '')?.idps.map((idp) => idp.name)).toEqual(['UmbrellaGoogle']);
    // Demo users get the client their tenant signs in through.
    const hank = stack.users.find((u) => u.email === 'hank@globex.example');
    expect(hank).toMatchObject({ userPoolId, clientId: ownClient('globex') });
  });

  it('finds the same pools and clients when seeded again (a restart on kept state)', async () => {
    expect(await seedPools(stack.env, cognito, stack.urls.cognito, stack.urls.login)).toEqual(stack.pools);
  });

  it('writes the records infra writes: no client in the issuer record, a client record per own client', async () => {
    const prefix = stack.env.registryPrefix;
    const userPoolId = shard()?.userPoolId ?? '';
    expect(await parameter(keyTemplates.issuerParameter(prefix, userPoolId))).toMatchObject({
      userPoolId,
      pattern: 'shared',
      clientIds: [],
    });
    for (const [tenantId, providerName] of [
      ['globex', 'GlobexEntra'],
      ['umbrella', 'UmbrellaGoogle'],
    ] as const) {
      const clientId = ownClient(tenantId) ?? '';
      expect(await parameter(keyTemplates.clientParameter(prefix, userPoolId, clientId))).toEqual({
        clientId,
        userPoolId,
        tenantId,
        providerName,
      });
    }
    // The deploy tool's issuer index: every pool with an issuer record, ids sorted.
    const pools = [userPoolId, ...Object.values(stack.pools.dedicatedPools).map((p) => p.userPoolId)];
    expect(await parameter(keyTemplates.issuerIndexParameter(prefix, 0))).toEqual({
      shard: 0,
      shards: 1,
      userPoolIds: pools.sort(),
    });
  });
});

describe('discovery in the tenantStacks layout', () => {
  it.each([
    ['hank@globex.example', 'globex'],
    ['chris@umbrella.example', 'umbrella'],
  ])("answers POST /tenant-match for %s with its tenant's own client", async (email, tenantId) => {
    const res = await call('app.localhost', '/tenant-match', undefined, { email });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tenantId,
      userPoolId: shard()?.userPoolId,
      clientId: ownClient(tenantId),
    });
  });

  it("answers GET /config on a dedicated tenant's host with its pool's client, as before", async () => {
    const res = await call('acme.localhost', '/config');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ tenantId: 'acme', clientId: stack.pools.dedicatedPools.acme?.clientId });
  });
});

describe('the authorizer in the tenantStacks layout', () => {
  it("authorizes a shared tenant's user signed in through that tenant's own client", async () => {
    const token = await tokenOf('hank@globex.example', 'GlobexEntra', ownClient('globex') ?? '');
    expect(decodeJwtPayload(token)).toMatchObject({
      aud: ownClient('globex'),
      'custom:tenantName': 'globex',
    });
    const res = await call('app.localhost', '/pets', token);
    expect(res.status).toBe(200);
  });

  it("refuses a token of one tenant's client carrying another tenant's identity", async () => {
    // chris is umbrella's (UmbrellaGoogle) but signs in through globex's own client.
    const token = await tokenOf('chris@umbrella.example', 'UmbrellaGoogle', ownClient('globex') ?? '');
    expect(decodeJwtPayload(token)).toMatchObject({
      aud: ownClient('globex'),
      'custom:tenantName': 'umbrella',
    });
    const res = await call('app.localhost', '/pets', token);
    expect(res.status).toBe(401);
    expect(stack.recentRequests().at(-1)).toMatchObject({ status: 401, authorizer: 'invoked' });
    // Refused for the client's binding (its record names globex), not for anything earlier.
    expect(await authorizerLogged('"reason":"client-not-allowed"')).toBe(true);
  });
});
