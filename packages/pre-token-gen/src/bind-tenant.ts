/**
 * The rule of the trigger: which tenant the user belongs to, and which of their IdP
 * groups the token may carry. Pure apart from the injected registry lookup.
 *
 * - Shared pool: the tenant of the IdP in `identities` (Cognito-written), never of the
 *   email domain and never of a custom attribute.
 * - Dedicated pool: the tenant of the pool.
 * - Either way the email's domain must be one of that tenant's domains (or is flagged).
 */
import { poolItemKey, providerItemKey, type TenantTableKey } from '@cognito-tenancy/registry/keys';
import { normalizeEmail } from '@cognito-tenancy/registry/normalize';
import type { TenantClaimsItem } from '@cognito-tenancy/registry/records';
import type { Config } from './config';
import { EmailDomainError, IdentityError, UnknownTenantError } from './errors';
import type { TriggerEvent } from './event';
import { allowedGroups, capGroups } from './filter-groups';
import { identityProvider } from './identities';
import { parseGroups } from './parse-groups';

/** Reads one tenant table item; `undefined` when it does not exist. Throws on store failure. */
export type TenantLookup = (key: TenantTableKey) => Promise<TenantClaimsItem | undefined>;

/** The attribute SAML groups are mapped to. */
export const GROUPS_ATTRIBUTE = 'custom:groups';

export type BindingFlag = 'email-missing' | 'email-domain-mismatch' | 'groups-malformed' | 'groups-truncated';

export interface TenantBinding {
  readonly tenantId: string;
  /** The normalised email domain; only when it is one of the tenant's domains. */
  readonly emailDomain: string | undefined;
  /** `cognito:groups`: Cognito's own `<poolId>_<IdP>` group (if the user is in it), then the allowed IdP groups. */
  readonly groups: readonly string[];
  readonly providerName: string | undefined;
  /** Safe-to-log observations that did not prevent the binding. */
  readonly flags: readonly BindingFlag[];
}

type BindConfig = Pick<Config, 'sharedUserPoolId' | 'emailDomainCheck' | 'maxGroups' | 'maxGroupsBytes'>;

function tenantKey(
  event: TriggerEvent,
  providerName: string | undefined,
  config: BindConfig,
): TenantTableKey {
  if (event.userPoolId !== config.sharedUserPoolId) return poolItemKey(event.userPoolId);
  if (providerName === undefined) throw new IdentityError('no-identity');
  return providerItemKey(event.userPoolId, providerName);
}

function emailDomain(
  email: string | undefined,
  tenant: TenantClaimsItem,
  check: Config['emailDomainCheck'],
  flags: BindingFlag[],
): string | undefined {
  const normalized = normalizeEmail(email);
  if (normalized.ok && tenant.emailDomains.includes(normalized.value.domain)) return normalized.value.domain;
  const reason = normalized.ok ? 'email-domain-mismatch' : 'email-missing';
  if (check === 'enforce') throw new EmailDomainError(reason);
  flags.push(reason);
  return undefined;
}

/**
 * Binds the event's user to a tenant. Throws a {@link TriggerError} subclass when it
 * cannot (see `outcome.ts` for what each one means).
 */
export async function bindTenant(
  event: TriggerEvent,
  lookup: TenantLookup,
  config: BindConfig,
): Promise<TenantBinding> {
  const providerName = identityProvider(event.attributes.identities);
  const tenant = await lookup(tenantKey(event, providerName, config));
  if (!tenant) throw new UnknownTenantError();
  const flags: BindingFlag[] = [];
  const domain = emailDomain(event.attributes.email, tenant, config.emailDomainCheck, flags);

  const parsed = parseGroups(event.attributes[GROUPS_ATTRIBUTE]);
  if (parsed.malformed) flags.push('groups-malformed');
  const capped = capGroups(allowedGroups(parsed.groups, tenant.groups), {
    maxGroups: config.maxGroups,
    maxBytes: config.maxGroupsBytes,
  });
  if (capped.truncated) flags.push('groups-truncated');
  // Cognito puts every federated user in `<poolId>_<IdP>`; keep it when the event lists it.
  const own = providerName === undefined ? undefined : `${event.userPoolId}_${providerName}`;
  const preserved = own !== undefined && event.cognitoGroups.includes(own) ? [own] : [];
  const groups = [...preserved, ...capped.groups.filter((g) => g !== own)];
  return { tenantId: tenant.tenantId, emailDomain: domain, groups, providerName, flags };
}
