/**
 * Seeds the emulators from an environment's tenant file, the way infra provisions AWS:
 * a user pool and app client per dedicated tenant plus one per shard of the shared pool
 * that has tenants (cognito-local, each named by its domain prefix, as infra names domains),
 * then the registry records from `registryEntries` (the same function infra uses) into the
 * Parameter Store stand-in and the DynamoDB tenant table, then the demo users. Every
 * step is idempotent, so a restart on kept state finds what it made last time.
 *
 * An environment with `tenantStacks` is seeded as infra deploys that layout (issue #21): each
 * shared tenant gets its own app client in its shard (`<shard pool name>-<tenant id>`), the
 * shards have no common client, and the records are those the platform stack, the tenant
 * stacks and the deploy tool's issuer-index sync write ({@link tenantStacksEntries}).
 */
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { IssuerRecord } from '@cognito-tenancy/registry/records';
import {
  type EnvironmentPools,
  issuerIndexParameters,
  type PoolIdentifiers,
  type RegistryEntries,
  type RegistryItem,
  type RegistryParameter,
  registryEntries,
  sharedIssuerEntries,
  tenantPool,
  tenantRegistryEntries,
} from '@cognito-tenancy/registry/registry-entries';
import { shardDomainPrefix, sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { createAppClient, createDemoUser, createUserPool } from './cognito-fixtures';
import { type DemoUsers, samlGroupsAttribute } from './demo-users';
import { createTenantTable, putTenantItems } from './dynamodb-tenant-table';

/** The name of the local tenant table of an environment. */
export const tenantTableName = (env: ResolvedEnvironment) => `cognito-tenancy-${env.environment}-tenants`;
const APP_CLIENT_NAME = 'web';

async function ensurePool(cognito: CognitoIdentityProviderClient, name: string): Promise<string> {
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  return UserPools.find((pool) => pool.Name === name)?.Id ?? (await createUserPool(cognito, name));
}

async function ensureClient(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { UserPoolClients = [] } = await cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  const existing = UserPoolClients.find((client) => client.ClientName === APP_CLIENT_NAME)?.ClientId;
  return existing ?? (await createAppClient(cognito, userPoolId, APP_CLIENT_NAME));
}

/** Finds or creates the app clients named `names` in one pool (one listing for all); name -> id. */
async function ensureNamedClients(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let NextToken: string | undefined;
  // Paged: a shard holds up to 300 tenants, each with its own client.
  do {
    const page = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken }),
    );
    for (const client of page.UserPoolClients ?? []) {
      if (client.ClientName && client.ClientId && !found.has(client.ClientName))
        found.set(client.ClientName, client.ClientId);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  const ids = new Map<string, string>();
  for (const name of names)
    ids.set(name, found.get(name) ?? (await createAppClient(cognito, userPoolId, name)));
  return ids;
}

/** Creates (or finds) the environment's pools and app clients in cognito-local. */
export async function seedPools(
  env: ResolvedEnvironment,
  cognito: CognitoIdentityProviderClient,
  endpoint: string,
  /** The hosted UI's origin: the managed-login stand-in's (managed-login/); cognito-local's when absent. */
  hostedUiOrigin: string = endpoint,
): Promise<EnvironmentPools> {
  const identifiers = async (poolName: string): Promise<PoolIdentifiers> => {
    const userPoolId = await ensurePool(cognito, poolName);
    const clientId = await ensureClient(cognito, userPoolId);
    // On the local stack the "Cognito domain" (hosted UI) is the managed-login stand-in.
    return { userPoolId, clientId, cognitoDomain: hostedUiOrigin, issuer: `${endpoint}/${userPoolId}` };
  };
  const dedicatedPools: Record<string, PoolIdentifiers> = {};
  for (const tenant of env.tenants) {
    if (tenant.pattern === 'dedicated' && tenant.pool)
      dedicatedPools[tenant.id] = await identifiers(tenant.pool.domainPrefix);
  }
  if (env.tenantStacks) return tenantStacksPools(env, cognito, endpoint, hostedUiOrigin, dedicatedPools);
  const sharedPools: Record<string, PoolIdentifiers> = {};
  const sharedPrefix = env.sharedPool?.domainPrefix;
  if (sharedPrefix !== undefined) {
    for (const shard of sharedPoolShards(env.tenants).keys()) {
      sharedPools[shard] = await identifiers(shardDomainPrefix(sharedPrefix, shard));
    }
  }
  return { dedicatedPools, sharedPools };
}

/**
 * The shards of the `tenantStacks` layout: a pool per shard without a common client (its
 * `clientId` is empty: no client exists, and the seeded records list none), and each shared
 * tenant's own client in it, named as infra names it (`<shard pool name>-<tenant id>`).
 */
async function tenantStacksPools(
  env: ResolvedEnvironment,
  cognito: CognitoIdentityProviderClient,
  endpoint: string,
  hostedUiOrigin: string,
  dedicatedPools: Record<string, PoolIdentifiers>,
): Promise<EnvironmentPools> {
  const sharedPools: Record<string, PoolIdentifiers> = {};
  const sharedClients: Record<string, string> = {};
  const sharedPrefix = env.sharedPool?.domainPrefix;
  // The schema refuses shared tenants without `sharedPool`: no shard to seed then.
  if (sharedPrefix === undefined) return { dedicatedPools, sharedPools, sharedClients };
  for (const [shard, tenants] of sharedPoolShards(env.tenants)) {
    const poolName = shardDomainPrefix(sharedPrefix, shard);
    const userPoolId = await ensurePool(cognito, poolName);
    sharedPools[shard] = {
      userPoolId,
      clientId: '',
      cognitoDomain: hostedUiOrigin,
      issuer: `${endpoint}/${userPoolId}`,
    };
    const clientName = (tenantId: string) => `${poolName}-${tenantId}`;
    const ids = await ensureNamedClients(
      cognito,
      userPoolId,
      tenants.map((t) => clientName(t.id)),
    );
    for (const tenant of tenants) sharedClients[tenant.id] = ids.get(clientName(tenant.id)) as string;
  }
  return { dedicatedPools, sharedPools, sharedClients };
}

/**
 * The registry records infra writes for a `tenantStacks` environment: the platform stack's
 * shard issuer records listing no client (`sharedIssuerEntries(..., { commonClient: false })`),
 * each tenant stack's records (`tenantRegistryEntries(..., { ownClient })` for a shared tenant,
 * with its own client), and the issuer index the deploy tool rebuilds from the issuer records
 * (infra/src/issuer-index-sync.ts: pool ids sorted). The local stack has no deploy tool, so
 * it writes that index itself.
 */
export function tenantStacksEntries(env: ResolvedEnvironment, pools: EnvironmentPools): RegistryEntries {
  const parameters: RegistryParameter[] = [
    ...sharedIssuerEntries(env, pools.sharedPools ?? {}, { commonClient: false }).parameters,
  ];
  const items: RegistryItem[] = [];
  for (const tenant of env.tenants) {
    const pool = tenantPool(tenant, pools);
    if (pool === undefined || (tenant.pattern === 'shared' && pool.clientId === ''))
      throw new Error(`tenant '${tenant.id}': no pool or app client seeded`);
    const entries = tenantRegistryEntries(env, tenant, pool, { ownClient: tenant.pattern === 'shared' });
    parameters.push(...entries.parameters);
    items.push(...entries.items);
  }
  const poolIds = parameters.flatMap((p) =>
    p.kind === 'issuer' ? [(p.record as IssuerRecord).userPoolId] : [],
  );
  parameters.push(...issuerIndexParameters(env.registryPrefix, poolIds.sort()));
  return { parameters, items };
}

/** `PutParameter` over the SSM JSON 1.1 protocol, as any SSM client would. */
async function putParameter(ssmUrl: string, name: string, value: string): Promise<void> {
  const response = await fetch(ssmUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.PutParameter' },
    body: JSON.stringify({ Name: name, Value: value, Type: 'String', Overwrite: true }),
  });
  if (!response.ok) throw new Error(`PutParameter ${name}: ${response.status} ${await response.text()}`);
}

/** Writes the registry records of the environment into SSM and the tenant table. */
export async function seedRegistry(
  env: ResolvedEnvironment,
  pools: EnvironmentPools,
  stores: {
    readonly ssmUrl: string;
    readonly dynamodb: DynamoDBClient;
    /** The tenant table the synthesized functions name (twin); `tenantTableName(env)` when absent. */
    readonly tenantTable?: string;
  },
): Promise<RegistryEntries> {
  const entries = env.tenantStacks ? tenantStacksEntries(env, pools) : registryEntries(env, pools);
  for (const parameter of entries.parameters)
    await putParameter(stores.ssmUrl, parameter.name, parameter.value);
  const table = stores.tenantTable ?? tenantTableName(env);
  await createTenantTable(stores.dynamodb, table);
  await putTenantItems(
    stores.dynamodb,
    table,
    entries.items.map((entry) => entry.item),
  );
  return entries;
}

/** A demo user as created: what a person needs to sign in, and where. */
export interface SeededUser {
  readonly tenant: string;
  readonly email: string;
  readonly username: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly groups: readonly string[];
  readonly created: boolean;
}

/** Creates the demo users as if they had come through their tenant's IdP (skips existing ones). */
export async function seedUsers(
  env: ResolvedEnvironment,
  pools: EnvironmentPools,
  demo: DemoUsers,
  cognito: CognitoIdentityProviderClient,
): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  for (const user of demo.users) {
    const tenant = env.tenants.find((t) => t.id === user.tenant);
    const pool = tenant === undefined ? undefined : tenantPool(tenant, pools);
    if (tenant === undefined || pool === undefined)
      throw new Error(`demo user ${user.email}: no pool for tenant ${user.tenant}`);
    // Cognito names federated users `<IdP>_<NameID>`; the demo IdPs send the email as NameID.
    const username = `${tenant.idp.name}_${user.email}`;
    let created = false;
    try {
      await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
      await createDemoUser(cognito, {
        userPoolId: pool.userPoolId,
        email: user.email,
        password: demo.password,
        providerName: tenant.idp.name,
        userId: user.email,
        groups: samlGroupsAttribute(user.groups),
      });
      created = true;
    }
    seeded.push({
      tenant: tenant.id,
      email: user.email,
      username,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      groups: user.groups,
      created,
    });
  }
  return seeded;
}
