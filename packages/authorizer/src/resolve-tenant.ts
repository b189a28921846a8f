/**
 * The tenant of a verified token, from the registry only.
 *
 * - Dedicated pool: the pool's tenant (issuer record).
 * - Shared pool: the tenant bound to the identity provider that authenticated the user.
 *   Cognito names federated users `<IdP>_<id>` and puts them in the group
 *   `<poolId>_<IdP>`; IdP names contain no `_` (registry rule), so both split exactly.
 *   Every source present must name the same IdP (and so must an ID token's
 *   `identities[].providerName`), and the IdP must have a provider record.
 * - `custom:tenantName` (pre-token-gen), when present, must equal the registry's answer.
 */
import { PROVIDER_NAME } from '@cognito-tenancy/registry/identifiers';
import type { IssuerRecord } from '@cognito-tenancy/registry/records';
import type { CognitoClaims } from './claims';
import { TenantClaimMismatchError, UnresolvedTenantError } from './errors';
import { chain, type MaybePromise } from './maybe-promise';
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
  return chain(registry.provider(issuer.userPoolId, providerName), (record) => {
    if (!record) throw new UnresolvedTenantError('identity provider not registered');
    return record.tenantId;
  });
}

function checkTenantName(claims: CognitoClaims, tenantId: string): string {
  if (claims.tenantName !== undefined && claims.tenantName !== tenantId) {
    throw new TenantClaimMismatchError('custom:tenantName disagrees with the registry');
  }
  return tenantId;
}

/** Resolves the token's tenant; throws {@link UnresolvedTenantError} or {@link TenantClaimMismatchError}. */
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
