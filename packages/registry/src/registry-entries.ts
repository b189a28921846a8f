/**
 * What an environment's tenant file becomes in the registry stores: the SSM parameters
 * and tenant table items that the Lambdas read. Infra writes them as resources; the local
 * stack seeds its emulators with the same list, so both stores hold identical records.
 *
 * Pure and free of any deploy tool: pool identifiers may be plain strings or deploy-time
 * references (CDKTF tokens), so keys come from the unvalidated {@link keyTemplates}; the
 * tenant file itself has already been validated by {@link parseEnvironment}.
 */
import { type ResolvedEnvironment, type Tenant, tenantCallbackUrls } from './environment';
import { ISSUER_INDEX_SHARD_SIZE, keyTemplates, TENANT_TABLE_PARTITION_KEY } from './keys';
import type {
  ClientRecord,
  DomainItem,
  HostRecord,
  IssuerIndexRecord,
  IssuerRecord,
  ProviderRecord,
  TenancyPattern,
  TenantClaimsItem,
  TenantItem,
} from './records';
import { shardSuffix, sharedPoolOf, sharedPoolShards } from './shared-pools';

/** Runtime identifiers of one user pool and its app client. */
export interface PoolIdentifiers {
  readonly userPoolId: string;
  readonly clientId: string;
  /** Hosted UI domain without scheme (`acme-dev.auth.eu-west-1.amazoncognito.com`). */
  readonly cognitoDomain: string;
  /** Token issuer (`https://cognito-idp.<region>.amazonaws.com/<userPoolId>`). */
  readonly issuer: string;
}

/** The pools of an environment once they exist. */
export interface EnvironmentPools {
  /**
   * One entry per shard of the shared pool that has tenants (`shared-00`, `shared-01`, ...),
   * by shard name. Required when any tenant uses the shared pattern.
   */
  readonly sharedPools?: Readonly<Record<string, PoolIdentifiers>>;
  /** One entry per dedicated tenant, by tenant id. */
  readonly dedicatedPools: Readonly<Record<string, PoolIdentifiers>>;
  /**
   * Shared tenants that sign in through their own app client in their shard's pool: tenant id
   * -> that client's id. Such a tenant's host and domain records carry its own client and a
   * ClientRecord binds the client to it; the shard's common client stays listed in the issuer
   * record, so tenants not listed here (and tokens already issued) keep working.
   */
  readonly sharedClients?: Readonly<Record<string, string>>;
}

/** Options of {@link tenantRegistryEntries}. */
export interface TenantEntriesOptions {
  /**
   * The tenant signs in through its own app client (`pool.clientId`) in its shard of the
   * shared pool: a ClientRecord binds that client to the tenant. Ignored for dedicated tenants,
   * whose pool's issuer record already lists their client.
   */
  readonly ownClient?: boolean;
}

/** Options of {@link sharedIssuerEntries}. */
export interface SharedIssuerOptions {
  /**
   * Whether the shards have a common app client (`PoolIdentifiers.clientId`) that the issuer
   * record lists. Default true; false writes `clientIds: []`, for shards whose every tenant
   * has its own client (found through client records).
   */
  readonly commonClient?: boolean;
}

/** One SSM parameter: `value` is the record as JSON. `id` is stable and free of references. */
export interface RegistryParameter {
  readonly id: string;
  readonly kind: 'host' | 'issuer' | 'provider' | 'client' | 'issuer-index';
  readonly name: string;
  readonly value: string;
  readonly record: HostRecord | IssuerRecord | ProviderRecord | ClientRecord | IssuerIndexRecord;
}

/** One tenant table item (unmarshalled), partition key included. */
export interface RegistryItem {
  readonly id: string;
  readonly kind: 'domain' | 'provider' | 'pool' | 'tenant';
  readonly key: string;
  readonly item: { readonly [TENANT_TABLE_PARTITION_KEY]: string } & (
    | DomainItem
    | TenantClaimsItem
    | TenantItem
  );
}

export interface RegistryEntries {
  readonly parameters: readonly RegistryParameter[];
  readonly items: readonly RegistryItem[];
}

/** The pools given do not cover the environment's tenants. */
export class RegistryEntriesError extends Error {
  override readonly name = 'RegistryEntriesError';
}

/**
 * The pool a tenant signs in through: its dedicated pool, or its shard of the shared pool,
 * with its own app client when `pools.sharedClients` lists it.
 */
export function tenantPool(
  tenant: Pick<Tenant, 'id' | 'pattern' | 'sharedPool'>,
  pools: EnvironmentPools,
): PoolIdentifiers | undefined {
  if (tenant.pattern !== 'shared') return pools.dedicatedPools[tenant.id];
  const shard = pools.sharedPools?.[sharedPoolOf(tenant)];
  const own = pools.sharedClients;
  // hasOwn: a tenant id such as `constructor` must not find Object.prototype's member.
  if (shard === undefined || own === undefined || !Object.hasOwn(own, tenant.id)) return shard;
  return { ...shard, clientId: own[tenant.id] as string };
}

function poolOf(tenant: Tenant, pools: EnvironmentPools): PoolIdentifiers {
  const pool = tenantPool(tenant, pools);
  if (pool === undefined) {
    const which =
      tenant.pattern === 'shared' ? `its shared pool '${sharedPoolOf(tenant)}'` : 'its dedicated pool';
    throw new RegistryEntriesError(`tenant '${tenant.id}': no identifiers given for ${which}`);
  }
  return pool;
}

/** The callback URL served on `host`, else the tenant's first callback URL. */
function redirectUriFor(tenant: Tenant, host?: string): string {
  const urls = tenantCallbackUrls(tenant);
  const onHost = host === undefined ? undefined : urls.find((url) => new URL(url).hostname === host);
  const chosen = onHost ?? urls[0];
  if (chosen === undefined) throw new RegistryEntriesError(`tenant '${tenant.id}': no callback URL`);
  return chosen;
}

function claimsItem(tenant: Tenant): TenantClaimsItem {
  return {
    tenantId: tenant.id,
    emailDomains: [...tenant.emailDomains],
    groups: { allow: [...tenant.groups.allow], prefixes: [...tenant.groups.prefixes] },
  };
}

function tenantItem(tenant: Tenant, pool: PoolIdentifiers): TenantItem {
  return {
    tenantId: tenant.id,
    pattern: tenant.pattern,
    userPoolId: pool.userPoolId,
    providerNames: [tenant.idp.name],
    // Left out (not empty) when the file names no admin group: nobody administers the tenant.
    ...(tenant.groups.admin === undefined ? {} : { adminGroup: tenant.groups.admin }),
  };
}

function parameter(
  id: string,
  kind: RegistryParameter['kind'],
  name: string,
  record: RegistryParameter['record'],
): RegistryParameter {
  return { id, kind, name, value: JSON.stringify(record), record };
}

/**
 * The records of one tenant signing in through `pool`: a HostRecord per app host and a
 * DomainItem per email domain (both carrying `pool.clientId`), then a ProviderRecord and the
 * IdP's TenantClaimsItem (shared) or the pool's IssuerRecord and TenantClaimsItem (dedicated),
 * a ClientRecord for `pool.clientId` when `options.ownClient` and the tenant is shared, and
 * its TenantItem. What a tenant's own stack writes; {@link registryEntries} is built from it.
 */
export function tenantRegistryEntries(
  env: ResolvedEnvironment,
  tenant: Tenant,
  pool: PoolIdentifiers,
  options: TenantEntriesOptions = {},
): RegistryEntries {
  const prefix = env.registryPrefix;
  const pattern: TenancyPattern = tenant.pattern;
  const signIn = {
    region: env.region,
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    cognitoDomain: pool.cognitoDomain,
    identityProvider: tenant.idp.name,
  };
  const parameters: RegistryParameter[] = tenant.hosts.map((host) => {
    const record: HostRecord = {
      tenantId: tenant.id,
      pattern,
      ...signIn,
      redirectUri: redirectUriFor(tenant, host),
      displayName: tenant.displayName,
    };
    return parameter(`host:${host}`, 'host', keyTemplates.hostParameter(prefix, host), record);
  });
  const items: RegistryItem[] = tenant.emailDomains.map((domain) => {
    const record: DomainItem = {
      tenantId: tenant.id,
      displayName: tenant.displayName,
      pattern,
      ...signIn,
      redirectUri: redirectUriFor(tenant),
      includeSubdomains: tenant.includeSubdomains,
    };
    const key = keyTemplates.domainItem(domain);
    return { id: `domain:${domain}`, kind: 'domain', key, item: { pk: key, ...record } };
  });
  if (tenant.pattern === 'shared') {
    const record: ProviderRecord = {
      tenantId: tenant.id,
      userPoolId: pool.userPoolId,
      providerName: tenant.idp.name,
    };
    const name = keyTemplates.providerParameter(prefix, pool.userPoolId, tenant.idp.name);
    parameters.push(parameter(`provider:${tenant.idp.name}`, 'provider', name, record));
    if (options.ownClient === true) {
      const client: ClientRecord = {
        clientId: pool.clientId,
        userPoolId: pool.userPoolId,
        tenantId: tenant.id,
        providerName: tenant.idp.name,
      };
      const clientName = keyTemplates.clientParameter(prefix, pool.userPoolId, pool.clientId);
      parameters.push(parameter(`client:${tenant.id}`, 'client', clientName, client));
    }
    const key = keyTemplates.providerItem(pool.userPoolId, tenant.idp.name);
    items.push({
      id: `idp:${tenant.idp.name}`,
      kind: 'provider',
      key,
      item: { pk: key, ...claimsItem(tenant) },
    });
  } else {
    const issuer: IssuerRecord = {
      issuer: pool.issuer,
      userPoolId: pool.userPoolId,
      region: env.region,
      pattern: 'dedicated',
      tenantId: tenant.id,
      clientIds: [pool.clientId],
    };
    const name = keyTemplates.issuerParameter(prefix, pool.userPoolId);
    parameters.push(parameter(`issuer:${tenant.id}`, 'issuer', name, issuer));
    const key = keyTemplates.poolItem(pool.userPoolId);
    items.push({ id: `pool:${tenant.id}`, kind: 'pool', key, item: { pk: key, ...claimsItem(tenant) } });
  }
  const tenantKey = keyTemplates.tenantItem(tenant.id);
  items.push({
    id: `tenant:${tenant.id}`,
    kind: 'tenant',
    key: tenantKey,
    item: { pk: tenantKey, ...tenantItem(tenant, pool) },
  });
  return { parameters, items };
}

/**
 * The issuer index of a list of pool ids: {@link ISSUER_INDEX_SHARD_SIZE} per shard, at least one
 * shard (an empty index says "no pool is registered"). Used by registryEntries and by the deploy
 * tool, which rebuilds the index from the issuer records when tenants live in their own stacks.
 */
export function issuerIndexParameters(prefix: string, userPoolIds: readonly string[]): RegistryParameter[] {
  const shards = Math.max(1, Math.ceil(userPoolIds.length / ISSUER_INDEX_SHARD_SIZE));
  return Array.from({ length: shards }, (_, shard) => {
    const ids = userPoolIds.slice(shard * ISSUER_INDEX_SHARD_SIZE, (shard + 1) * ISSUER_INDEX_SHARD_SIZE);
    const record: IssuerIndexRecord = { shard, shards, userPoolIds: ids };
    const name = keyTemplates.issuerIndexParameter(prefix, shard);
    return parameter(`issuer-index:${shard}`, 'issuer-index', name, record);
  });
}

/** The issuer index: every issuer record's pool id. */
function issuerIndex(prefix: string, parameters: readonly RegistryParameter[]): RegistryParameter[] {
  return issuerIndexParameters(
    prefix,
    parameters.flatMap((p) => (p.kind === 'issuer' ? [(p.record as IssuerRecord).userPoolId] : [])),
  );
}

/**
 * The IssuerRecord of each shard of the shared pool that has tenants, in the order of the
 * file's shards (`issuer:shared` for `shared-00`, `issuer:shared-NN` for the others). A shard
 * missing from `sharedPools` is skipped (registryEntries reports it for the shard's first
 * tenant). With `commonClient: false` the records list no client (`clientIds: []`).
 */
export function sharedIssuerEntries(
  env: ResolvedEnvironment,
  sharedPools: Readonly<Record<string, PoolIdentifiers>>,
  options: SharedIssuerOptions = {},
): RegistryEntries {
  const parameters: RegistryParameter[] = [];
  for (const shard of sharedPoolShards(env.tenants).keys()) {
    const shared = sharedPools[shard];
    if (shared === undefined) continue;
    const issuer: IssuerRecord = {
      issuer: shared.issuer,
      userPoolId: shared.userPoolId,
      region: env.region,
      pattern: 'shared',
      clientIds: options.commonClient === false ? [] : [shared.clientId],
    };
    parameters.push(
      parameter(
        `issuer:shared${shardSuffix(shard)}`,
        'issuer',
        keyTemplates.issuerParameter(env.registryPrefix, shared.userPoolId),
        issuer,
      ),
    );
  }
  return { parameters, items: [] };
}

/** The tenants `pools.sharedClients` lists, each checked to be a shared tenant of the file. */
function ownClients(env: ResolvedEnvironment, pools: EnvironmentPools): ReadonlySet<string> {
  const own = new Set(Object.keys(pools.sharedClients ?? {}));
  for (const tenantId of own) {
    const tenant = env.tenants.find((t) => t.id === tenantId);
    if (tenant?.pattern !== 'shared')
      throw new RegistryEntriesError(
        `sharedClients: '${tenantId}' is not a shared tenant of the environment`,
      );
  }
  return own;
}

/**
 * The registry records of a validated environment: a HostRecord per app host, an
 * IssuerRecord per user pool (one per shard of the shared pool), a ProviderRecord per shared-pool IdP, the issuer index
 * (IssuerIndexRecord shards listing every pool with an issuer record) (SSM), and a DomainItem
 * per email domain plus a TenantClaimsItem per shared-pool IdP and per dedicated pool
 * and a TenantItem per tenant (tenant table), and a ClientRecord per shared tenant listed in
 * `pools.sharedClients` (whose records then carry its own client). Order follows the file, so output is stable between runs.
 * Throws {@link RegistryEntriesError} when `pools` lacks a pool the tenants need.
 */
export function registryEntries(env: ResolvedEnvironment, pools: EnvironmentPools): RegistryEntries {
  const own = ownClients(env, pools);
  const parameters: RegistryParameter[] = [...sharedIssuerEntries(env, pools.sharedPools ?? {}).parameters];
  const items: RegistryItem[] = [];
  for (const tenant of env.tenants) {
    // poolOf (tenantPool) already carries a listed tenant's own client.
    const entries = tenantRegistryEntries(env, tenant, poolOf(tenant, pools), {
      ownClient: own.has(tenant.id),
    });
    parameters.push(...entries.parameters);
    items.push(...entries.items);
  }
  parameters.push(...issuerIndex(env.registryPrefix, parameters));
  return { parameters, items };
}
