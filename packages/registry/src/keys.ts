/**
 * The key layout of the registry, shared by every writer (infra, local stack, tooling)
 * and every reader (the Lambdas). Nothing else builds a parameter name or item key.
 *
 * SSM Parameter Store, under `<prefix>` (default `/cognito-tenancy/<environment>`):
 *   <prefix>/hosts/<host>                     -> HostRecord     (config-resolver, authorizer)
 *   <prefix>/issuers/<userPoolId>             -> IssuerRecord   (authorizer)
 *   <prefix>/providers/<userPoolId>/<idpName> -> ProviderRecord (authorizer, shared pool)
 *   <prefix>/clients/<userPoolId>/<clientId>  -> ClientRecord   (authorizer: a shared tenant's own app client)
 *   <prefix>/issuer-index/<shard>             -> IssuerIndexRecord (authorizer: which pools are registered)
 *
 * DynamoDB tenant table, partition key `pk` (string), no sort key:
 *   DOMAIN#<emailDomain>            -> DomainItem        (tenant-match)
 *   IDP#<userPoolId>#<idpName>      -> TenantClaimsItem  (pre-token-gen, shared pool)
 *   POOL#<userPoolId>               -> TenantClaimsItem  (pre-token-gen, dedicated pools)
 *   TENANT#<tenantId>               -> TenantItem        (sign-out)
 *
 * DynamoDB revocations table (forced sign-out), partition key `pk` (string), no sort key,
 * TTL attribute `expiresAt`:
 *   <tenantId>#<sub>                -> RevocationItem    (written by sign-out, read by the authorizer)
 */
import {
  assertFormat,
  CLIENT_ID,
  ENVIRONMENT_NAME,
  PROVIDER_NAME,
  REGISTRY_PREFIX,
  RegistryKeyError,
  TENANT_ID,
  USER_POOL_ID,
} from './identifiers';
import { isNormalizedDomain } from './normalize';

/**
 * The raw key templates, without validation. Only for writers whose inputs are their own
 * deploy-time references (CDKTF tokens such as a pool id that exists only after apply);
 * everything that handles request data uses the validated builders below.
 */
export const keyTemplates = {
  hostParameter: (prefix: string, host: string) => `${prefix}/hosts/${host}`,
  issuerParameter: (prefix: string, userPoolId: string) => `${prefix}/issuers/${userPoolId}`,
  issuerIndexParameter: (prefix: string, shard: number | '*') => `${prefix}/issuer-index/${shard}`,
  providerParameter: (prefix: string, userPoolId: string, providerName: string) =>
    `${prefix}/providers/${userPoolId}/${providerName}`,
  clientParameter: (prefix: string, userPoolId: string, clientId: string) =>
    `${prefix}/clients/${userPoolId}/${clientId}`,
  domainItem: (domain: string) => `DOMAIN#${domain}`,
  providerItem: (userPoolId: string, providerName: string) => `IDP#${userPoolId}#${providerName}`,
  poolItem: (userPoolId: string) => `POOL#${userPoolId}`,
  tenantItem: (tenantId: string) => `TENANT#${tenantId}`,
  revocationItem: (tenantId: string, sub: string) => `${tenantId}#${sub}`,
} as const;

/** Root of every environment's parameters. */
export const PARAMETER_ROOT = '/cognito-tenancy';
/** Partition key attribute of the tenant table. */
export const TENANT_TABLE_PARTITION_KEY = 'pk';
/** Partition key attribute of the revocations table. */
export const REVOCATION_TABLE_PARTITION_KEY = 'pk';
/** The revocations table's TTL attribute (epoch seconds; DynamoDB deletes the item some time after). */
export const REVOCATION_TTL_ATTRIBUTE = 'expiresAt';
/**
 * A Cognito user's `sub`: a lowercase UUID. Strict, because it is placed in a key and in a
 * ListUsers filter expression.
 */
export const USER_SUB = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `/cognito-tenancy/<environment>`. */
export function defaultRegistryPrefix(environment: string): string {
  return `${PARAMETER_ROOT}/${assertFormat('environment', ENVIRONMENT_NAME, environment)}`;
}

/** Validates a configured prefix (for example from `REGISTRY_PREFIX`). */
export function registryPrefix(prefix: string): string {
  return assertFormat('registry prefix', REGISTRY_PREFIX, prefix);
}

function domainSegment(field: string, value: string): string {
  if (!isNormalizedDomain(value)) throw new RegistryKeyError(field);
  return value;
}

/** Parameter holding the sign-in config of the tenant served on `host` (normalised host). */
export function hostParameterName(prefix: string, host: string): string {
  return keyTemplates.hostParameter(registryPrefix(prefix), domainSegment('host', host));
}

/** Parameter that makes a user pool a trusted issuer. */
export function issuerParameterName(prefix: string, userPoolId: string): string {
  return keyTemplates.issuerParameter(
    registryPrefix(prefix),
    assertFormat('user pool id', USER_POOL_ID, userPoolId),
  );
}

/**
 * Pools per issuer index shard: 100 pool ids stay far below the 4 KB of a Standard
 * parameter, and 10 shards (one GetParameters call) cover the 1,000 pools an account may hold.
 */
export const ISSUER_INDEX_SHARD_SIZE = 100;

/** Shard `shard` (0, 1, ...) of the issuer index: the pool ids that have an issuer record. */
export function issuerIndexParameterName(prefix: string, shard: number): string {
  if (!Number.isSafeInteger(shard) || shard < 0 || shard > 999)
    throw new RegistryKeyError('issuer index shard');
  return keyTemplates.issuerIndexParameter(registryPrefix(prefix), shard);
}

/** Path under which all issuer parameters live (for `GetParametersByPath` hydration). */
export function issuersPath(prefix: string): string {
  return `${registryPrefix(prefix)}/issuers`;
}

/** Parameter binding an identity provider of a shared pool to its tenant. */
export function providerParameterName(prefix: string, userPoolId: string, providerName: string): string {
  const pool = assertFormat('user pool id', USER_POOL_ID, userPoolId);
  const provider = assertFormat('identity provider name', PROVIDER_NAME, providerName);
  return keyTemplates.providerParameter(registryPrefix(prefix), pool, provider);
}

/**
 * Parameter binding an app client of a shared pool to the one tenant it serves (a shared
 * tenant's own client, created by that tenant's stack).
 */
export function clientParameterName(prefix: string, userPoolId: string, clientId: string): string {
  const pool = assertFormat('user pool id', USER_POOL_ID, userPoolId);
  const client = assertFormat('app client id', CLIENT_ID, clientId);
  return keyTemplates.clientParameter(registryPrefix(prefix), pool, client);
}

/** A DynamoDB key of the tenant table. */
export type TenantTableKey = { readonly [TENANT_TABLE_PARTITION_KEY]: string };

/** Item for home-realm discovery by exact email domain. */
export function domainItemKey(domain: string): TenantTableKey {
  return { pk: keyTemplates.domainItem(domainSegment('email domain', domain)) };
}

/** Item naming the tenant of a shared pool's identity provider. */
export function providerItemKey(userPoolId: string, providerName: string): TenantTableKey {
  const pool = assertFormat('user pool id', USER_POOL_ID, userPoolId);
  const provider = assertFormat('identity provider name', PROVIDER_NAME, providerName);
  return { pk: keyTemplates.providerItem(pool, provider) };
}

/** Item naming the tenant of a dedicated user pool. */
export function poolItemKey(userPoolId: string): TenantTableKey {
  return { pk: keyTemplates.poolItem(assertFormat('user pool id', USER_POOL_ID, userPoolId)) };
}

/** Item describing a tenant for administration: its pool, its IdPs, its admin group. */
export function tenantItemKey(tenantId: string): TenantTableKey {
  return { pk: keyTemplates.tenantItem(assertFormat('tenant id', TENANT_ID, tenantId)) };
}

/** A key of the revocations table. */
export type RevocationTableKey = { readonly [REVOCATION_TABLE_PARTITION_KEY]: string };

/** The revocation item of one user of one tenant (`<tenantId>#<sub>`). */
export function revocationItemKey(tenantId: string, sub: string): RevocationTableKey {
  const tenant = assertFormat('tenant id', TENANT_ID, tenantId);
  return { pk: keyTemplates.revocationItem(tenant, assertFormat('user sub', USER_SUB, sub)) };
}

/** The issuer (`iss`) of tokens from a Cognito user pool. */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${assertFormat('user pool id', USER_POOL_ID, userPoolId)}`;
}
