/**
 * The local stack with the shared pool in two shards: demo with `umbrella` moved to
 * `shared-01`. Seeding makes one cognito-local pool per shard (named by its domain prefix,
 * as infra names the shard's domain), each shard gets an app client of its own, and the
 * local IdP of a tenant addresses its shard's pool (the SP entity id is per pool).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCognitoClient } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { type CognitoLocal, startCognitoLocal } from '@cognito-tenancy/local-stack/cognito-local';
import { DEFAULT_DEMO_USERS_FILE, loadDemoUsers } from '@cognito-tenancy/local-stack/demo-users';
import { appClients } from '@cognito-tenancy/local-stack/managed-login/app-clients';
import { environmentFile } from '@cognito-tenancy/local-stack/options';
import { prepareLocalFederation } from '@cognito-tenancy/local-stack/saml/local-federation';
import { seedPools } from '@cognito-tenancy/local-stack/seed';
import { parseEnvironment, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { EnvironmentPools } from '@cognito-tenancy/registry/registry-entries';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let stateDir: string;
let env: ResolvedEnvironment;
let pools: EnvironmentPools;
const envFile = environmentFile('demo');

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'shared-shards-'));
  cognito = await startCognitoLocal({ dataDir: join(stateDir, 'cognito') });
  client = localCognitoClient(cognito.endpoint);
  const raw = JSON.parse(readFileSync(envFile, 'utf8')) as { tenants: { id: string }[] };
  const tenants = raw.tenants.map((t) => (t.id === 'umbrella' ? { ...t, sharedPool: 'shared-01' } : t));
  env = parseEnvironment({ ...raw, tenants }, envFile, dirname(envFile));
  pools = await seedPools(env, client, cognito.endpoint);
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await cognito?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the local stack with two shards of the shared pool', () => {
  it("seeds one pool per shard, named by the shard's domain prefix", async () => {
    expect(Object.keys(pools.sharedPools ?? {})).toEqual(['shared-00', 'shared-01']);
    const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    const byName = new Map(UserPools.map((p) => [p.Name, p.Id]));
    const prefix = env.sharedPool?.domainPrefix;
    expect(byName.get(prefix)).toBe(pools.sharedPools?.['shared-00']?.userPoolId);
    expect(byName.get(`${prefix}-01`)).toBe(pools.sharedPools?.['shared-01']?.userPoolId);
    expect(pools.sharedPools?.['shared-00']?.userPoolId).not.toBe(
      pools.sharedPools?.['shared-01']?.userPoolId,
    );
  });

  it('gives each shard an app client of its own, listing only its tenants', () => {
    const shardClients = [...appClients(env, pools).values()].filter((c) =>
      c.idps.some((idp) => idp.tenantId === 'globex' || idp.tenantId === 'umbrella'),
    );
    expect(shardClients.map((c) => c.idps.map((idp) => idp.tenantId))).toEqual([['globex'], ['umbrella']]);
  });

  it("points each tenant's local IdP at its shard's pool", () => {
    const demo = loadDemoUsers(DEFAULT_DEMO_USERS_FILE, env);
    const federation = prepareLocalFederation({
      env,
      pools,
      envFile,
      demo,
      stateDir,
      loginOrigin: 'http://login.localhost:4000',
    });
    expect(federation.idps.get('umbrella')?.spEntityId).toBe(
      `urn:amazon:cognito:sp:${pools.sharedPools?.['shared-01']?.userPoolId}`,
    );
    expect(federation.idps.get('globex')?.spEntityId).toBe(
      `urn:amazon:cognito:sp:${pools.sharedPools?.['shared-00']?.userPoolId}`,
    );
  });
});
