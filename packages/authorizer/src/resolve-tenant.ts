/**
 * The tenant of a verified token, from the registry only.
 *
 * - Dedicated pool: the pool's tenant (issuer record).
 * - Shared pool: the tenant bound to the identity provider that authenticated the user.
 *   Cognito names federated users `<IdP>_<id>` and puts them in the group
 *   `<poolId>_<IdP>`; IdP names contain no `_` (registry rule), so both split exactly.
 *   Every source present must name the same IdP (and so must an ID token's
 *   `identities[].providerName`), and the IdP must have a provider record.
 * - Shared pool, a client the issuer record does not list (a tenant's own client): its
 *   client record must exist and bind it to this pool, to the tenant of the IdP and to
 *   that IdP; anything else is an unknown client. Both records are read together.
 * - `custom:tenantName` (pre-token-gen), when present, must equal the registry's answer.
 */
import { PROVIDER_NAME } from '@cognito-tenancy/registry/identifiers';
import type { ClientRecord, IssuerRecord, ProviderRecord } from '@cognito-tenancy/registry/records';
import type { CognitoClaims } from './claims';
import { TenantClaimMismatchError, UnknownClientError, UnresolvedTenantError } from './errors';
import { chain, chainBoth, type MaybePromise } from './maybe-promise';
import type { RegistryReader } from './registry-reader';

/**
 * Names of the IdP the token's sources point at (deduplicated). The group and
 * `identities` carry the IdP name exactly; the username prefix is compared without case,
 * because pools created case-insensitive may store federated usernames in lower case. When
 * only the username names an IdP, its prefix is used as it is (a lower-cased name then
 * simply finds no provider record: 401). IdP names are unique without case (registry rule).
 */
function providerNames(userPoolId: string, claims: CognitoClaims): Set<string> {
  const names = new Set<string>();
  const groupPrefix = `${userPoolId}_`;
  for (const group of claims.groups) {
    if (group.startsWith(groupPrefix)) names.add(group.slice(groupPrefix.length));
  }
  for (const name of claims.identityProviders ?? []) names.add(name);
  const separator = claims.username.indexOf('_');
  if (separator > 0) {
    const prefix = claims.username.slice(0, separator);
    const exact = [...names];
    if (exact.length === 0) names.add(prefix);
    else if (!exact.some((name) => name.toLowerCase() === prefix.toLowerCase())) names.add(prefix);
  }
  return names;
}

function sharedPoolTenant(
  issuer: IssuerRecord,
  claims: CognitoClaims,
  registry: RegistryReader,
): MaybePromise<string> {
  const names = providerNames(issuer.userPoolId, claims);
  if (names.size === 0) throw new UnresolvedTenantError('no identity provider in the token');
  if (names.size > 1) throw new TenantClaimMismatchError('identity provider sources disagree');
  const [providerName] = names as unknown as [string];
  if (!PROVIDER_NAME.test(providerName)) throw new UnresolvedTenantError('not an identity provider name');
  const provider = registry.provider(issuer.userPoolId, providerName);
  if (claims.commonClient) return chain(provider, (record) => registered(record).tenantId);
  // Started before either is awaited: on a miss both go out in one GetParameters call.
  const client = registry.client(issuer.userPoolId, claims.clientId);
  return chainBoth(provider, client, (providerRecord, clientRecord) => {
    const bound = registered(providerRecord);
    if (!bindsClient(clientRecord, bound)) {
      throw new UnknownClientError('app client not bound to this tenant');
    }
    return bound.tenantId;
  });
}

function registered(record: ProviderRecord | undefined): ProviderRecord {
  if (!record) throw new UnresolvedTenantError('identity provider not registered');
  return record;
}

/**
 * The client record names the provider record's tenant and IdP. (The reader has already
 * refused a record filed under another pool or client id as damaged.)
 */
function bindsClient(client: ClientRecord | undefined, provider: ProviderRecord): boolean {
  return (
    client !== undefined &&
    client.tenantId === provider.tenantId &&
    client.providerName === provider.providerName
  );
}

function checkTenantName(claims: CognitoClaims, tenantId: string): string {
  if (claims.tenantName !== undefined && claims.tenantName !== tenantId) {
    throw new TenantClaimMismatchError('custom:tenantName disagrees with the registry');
  }
  return tenantId;
}

/**
 * Resolves the token's tenant; throws {@link UnresolvedTenantError}, {@link TenantClaimMismatchError}
 * or (a shared pool's client not bound to the tenant) {@link UnknownClientError}.
 */
export function resolveTenant(
  issuer: IssuerRecord,
  claims: CognitoClaims,
  registry: RegistryReader,
): MaybePromise<string> {
  if (issuer.pattern === 'shared') {
    return chain(sharedPoolTenant(issuer, claims, registry), (tenantId) => checkTenantName(claims, tenantId));
  }
  if (issuer.tenantId === undefined) throw new UnresolvedTenantError('dedicated pool without tenant');
  return checkTenantName(claims, issuer.tenantId);
}
