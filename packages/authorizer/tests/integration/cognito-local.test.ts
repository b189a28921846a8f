/**
 * The authorizer against tokens issued by cognito-local (started on loopback by the local
 * stack's helper), a registry in the SSM stand-in read through the real SDK client
 * (AWS_ENDPOINT_URL_SSM), and key sets fetched over HTTP from cognito-local by the real
 * fetcher. The local issuer is trusted only through LOCAL_ISSUER_ORIGIN.
 */
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type CapturedStdout, captureOutput } from '@cognito-tenancy/kit/testing/handler-module';
import {
  createAppClient,
  createDemoUser,
  createUserPool,
  localCognitoClient,
  signInWithPassword,
} from '@cognito-tenancy/local-stack/cognito-fixtures';
import { type CognitoLocal, startCognitoLocal } from '@cognito-tenancy/local-stack/cognito-local';
import { type SsmServer, startSsmServer } from '@cognito-tenancy/local-stack/ssm-server';
import {
  hostParameterName,
  issuerParameterName,
  providerParameterName,
} from '@cognito-tenancy/registry/keys';
import type { HostRecord, IssuerRecord } from '@cognito-tenancy/registry/records';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { loadConfig } from '../../src/config';
import { createHandler } from '../../src/create-handler';
import { createAuthorizer } from '../../src/dependencies';
import { JwksFetcher } from '../../src/jwks-fetcher';
import { createSsmClient, SsmParameterStore } from '../../src/ssm-store';
import { RecordingLogger } from '../support/logger';
import { bearer, decide, requestEvent } from '../support/world';

const PREFIX = '/cognito-tenancy/it-authorizer';
const PASSWORD = 'Correct-Horse-42!';

let cognito: CognitoLocal;
let ssm: SsmServer;
let handler: (event: unknown) => Promise<APIGatewayAuthorizerResult>;
const pools: Record<'acme' | 'umbrella' | 'shared' | 'rogue', { id: string; client: string }> = {} as never;
const tokens: Record<string, { access: string; id: string }> = {};
let logs: CapturedStdout;

function hostRecord(tenantId: string, pool: { id: string; client: string }): HostRecord {
  return {
    tenantId,
    pattern: tenantId === 'globex' ? 'shared' : 'dedicated',
    region: 'local',
    userPoolId: pool.id,
    clientId: pool.client,
    cognitoDomain: `${tenantId}.auth.local`,
    identityProvider: tenantId,
    redirectUri: `http://${tenantId}.app.example.com/callback`,
  };
}

async function seedRegistry(): Promise<void> {
  const client = new SSMClient({
    endpoint: ssm.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const put = (Name: string, value: unknown) =>
    client.send(new PutParameterCommand({ Name, Value: JSON.stringify(value), Type: 'String' }));
  const issuer = (pool: { id: string; client: string }, tenantId?: string): IssuerRecord => ({
    issuer: cognito.issuer(pool.id),
    userPoolId: pool.id,
    region: 'local',
    clientIds: [pool.client],
    ...(tenantId ? { pattern: 'dedicated', tenantId } : { pattern: 'shared' }),
  });
  await put(issuerParameterName(PREFIX, pools.acme.id), issuer(pools.acme, 'acme'));
  await put(issuerParameterName(PREFIX, pools.umbrella.id), issuer(pools.umbrella, 'umbrella'));
  await put(issuerParameterName(PREFIX, pools.shared.id), issuer(pools.shared));
  await put(providerParameterName(PREFIX, pools.shared.id, 'globex'), {
    tenantId: 'globex',
    userPoolId: pools.shared.id,
    providerName: 'globex',
  });
  await put(hostParameterName(PREFIX, 'acme.app.example.com'), hostRecord('acme', pools.acme));
  await put(hostParameterName(PREFIX, 'globex.app.example.com'), hostRecord('globex', pools.shared));
  client.destroy();
}

async function issueTokens(): Promise<void> {
  const client = localCognitoClient(cognito.endpoint);
  for (const name of ['acme', 'umbrella', 'shared', 'rogue'] as const) {
    const id = await createUserPool(client, name);
    pools[name] = { id, client: await createAppClient(client, id) };
  }
  const users: [string, keyof typeof pools, Parameters<typeof createDemoUser>[1]][] = [
    ['alice', 'acme', { userPoolId: pools.acme.id, email: 'alice@acme.com', password: PASSWORD }],
    ['carol', 'umbrella', { userPoolId: pools.umbrella.id, email: 'carol@umbrella.com', password: PASSWORD }],
    ['mallory', 'rogue', { userPoolId: pools.rogue.id, email: 'mallory@rogue.com', password: PASSWORD }],
    [
      'bob',
      'shared',
      { userPoolId: pools.shared.id, email: 'bob@globex.com', password: PASSWORD, providerName: 'globex' },
    ],
    ['eve', 'shared', { userPoolId: pools.shared.id, email: 'eve@globex.com', password: PASSWORD }],
    [
      'hank',
      'shared',
      { userPoolId: pools.shared.id, email: 'hank@hooli.com', password: PASSWORD, providerName: 'hooli' },
    ],
  ];
  for (const [name, pool, user] of users) {
    const username = await createDemoUser(client, user);
    const result = await signInWithPassword(client, pools[pool].client, username, PASSWORD);
    tokens[name] = { access: String(result.AccessToken), id: String(result.IdToken) };
  }
  client.destroy();
}

beforeAll(async () => {
  [cognito, ssm] = await Promise.all([startCognitoLocal(), startSsmServer()]);
  await issueTokens();
  await seedRegistry();
  Object.assign(process.env, {
    REGISTRY_PREFIX: PREFIX,
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_SSM: ssm.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    LOCAL_ISSUER_ORIGIN: cognito.endpoint,
    ACCEPTED_TOKEN_USE: 'access,id',
    TRUSTED_USER_POOL_IDS: [pools.acme.id, pools.umbrella.id, pools.shared.id, pools.rogue.id].join(','),
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  logs = captureOutput();
  ({ handler } = await import('../../src/handler'));
}, 60_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await Promise.all([cognito?.close(), ssm?.close()]);
});

const on = (host: string, token: string) => requestEvent(bearer(token), host);
const lastReason = () => (logs.jsonLines().at(-1) as { reason?: string } | undefined)?.reason;

describe('the Lambda handler with cognito-local tokens', () => {
  it('hydrated the registered pools at cold start', () => {
    const hydrated = logs.jsonLines().find((l) => (l as { message?: string }).message === 'hydrated');
    expect(hydrated).toMatchObject({ reason: 'hydrated', issuers: 3, keySets: 3, timedOut: false });
  });

  it("allows a dedicated tenant's access token on its host with the tenant context", async () => {
    const decided = await decide(handler, on('acme.app.example.com', tokens.alice!.access));

    expect(decided.kind).toBe('allow');
    if (decided.kind !== 'allow') return;
    expect(decided.result.context).toMatchObject({ tenantId: 'acme', username: 'alice', tokenUse: 'access' });
    expect(decided.result.context?.clientId).toBe(pools.acme.client);
  });

  it('allows the ID token when ID tokens are configured', async () => {
    const decided = await decide(handler, on('acme.app.example.com', tokens.alice!.id));

    expect(decided.kind).toBe('allow');
    if (decided.kind === 'allow') expect(decided.result.context?.tokenUse).toBe('id');
  });

  it('binds a federated shared-pool user to the tenant of their IdP', async () => {
    const decided = await decide(handler, on('globex.app.example.com', tokens.bob!.access));

    expect(decided.kind).toBe('allow');
    if (decided.kind === 'allow') {
      expect(decided.result.context?.tenantId).toBe('globex');
      expect(JSON.parse(String(decided.result.context?.groups))).toContain(`${pools.shared.id}_globex`);
    }
  });

  it("answers 403 for another tenant's valid token on a tenant host", async () => {
    expect((await decide(handler, on('acme.app.example.com', tokens.carol!.access))).kind).toBe('deny');
    expect(lastReason()).toBe('host-tenant-mismatch');
    expect((await decide(handler, on('acme.app.example.com', tokens.bob!.access))).kind).toBe('deny');
  });

  it.each([
    ['an unregistered pool', 'mallory', 'issuer-not-trusted'],
    ['a native shared-pool user', 'eve', 'tenant-unresolved'],
    ['an unregistered IdP', 'hank', 'tenant-unresolved'],
  ])('answers 401 for %s', async (_, name, reason) => {
    expect((await decide(handler, on('globex.app.example.com', tokens[name]!.access))).kind).toBe(
      'unauthorized',
    );
    expect(lastReason()).toBe(reason);
  });

  it('answers 401 for a cognito-local token with a changed payload', async () => {
    const [h, p, s] = tokens.alice!.access.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const payload = Buffer.from(JSON.stringify({ ...claims, username: 'admin' })).toString('base64url');

    expect((await decide(handler, on('acme.app.example.com', `${h}.${payload}.${s}`))).kind).toBe(
      'unauthorized',
    );
    expect(lastReason()).toBe('signature-invalid');
  });

  it('never logs a token', () => {
    const logged = logs.text();
    for (const set of Object.values(tokens)) {
      for (const token of [set.access, set.id]) expect(logged).not.toContain(token.split('.')[2]);
    }
  });
});

describe('the local issuer switch', () => {
  function authorizer(env: Record<string, string>) {
    const config = loadConfig({ REGISTRY_PREFIX: PREFIX, ACCEPTED_TOKEN_USE: 'access,id', ...env });
    const fetched: string[] = [];
    const real = new JwksFetcher({ timeoutMs: 1000 });
    const parts = createAuthorizer(config, {
      store: new SsmParameterStore(createSsmClient({ timeoutMs: 1000 })),
      fetcher: {
        fetch: (uri: string) => {
          fetched.push(uri);
          return real.fetch(uri);
        },
      },
    });
    const logger = new RecordingLogger();
    const h = createHandler({ authorizer: parts.requests, logger, policyScope: 'stage', deadlineMs: 3000 });
    return { handler: h, fetched, logger };
  }

  it('refuses cognito-local tokens without LOCAL_ISSUER_ORIGIN, before any key fetch', async () => {
    const { handler: strict, fetched, logger } = authorizer({});

    expect((await decide(strict, on('acme.app.example.com', tokens.alice!.access))).kind).toBe(
      'unauthorized',
    );
    expect(logger.lastReason()).toBe('issuer-not-trusted');
    expect(fetched).toEqual([]);
  });

  it("fetches only the registered pool's key set from cognito-local, never an unregistered pool's", async () => {
    const { handler: local, fetched } = authorizer({ LOCAL_ISSUER_ORIGIN: cognito.endpoint });

    expect((await decide(local, on('acme.app.example.com', tokens.alice!.access))).kind).toBe('allow');
    expect((await decide(local, on('acme.app.example.com', tokens.mallory!.access))).kind).toBe(
      'unauthorized',
    );

    expect(fetched).toEqual([`${cognito.issuer(pools.acme.id)}/.well-known/jwks.json`]);
  });
});
