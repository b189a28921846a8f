/**
 * The rule of the trigger: which tenant the user belongs to, and which of their IdP
 * groups the token may carry. Pure apart from the injected registry lookup.
 *
 * - A shared pool (any shard): the tenant of the IdP in `identities` (Cognito-written), never of the
 *   email domain and never of a custom attribute.
 * - Dedicated pool: the tenant of the pool.
 * - Either way the email's domain must be one of that tenant's domains, or a subdomain that
 *   home-realm discovery (the registry's `matchDomain`, as tenant-match applies it) gives to
 *   that tenant through `includeSubdomains`; otherwise it is refused (or flagged).
 */
import { candidateDomains, type DomainLookup, matchDomain } from '@cognito-tenancy/registry/domain-match';
import { poolItemKey, providerItemKey, type TenantTableKey } from '@cognito-tenancy/registry/keys';
import { normalizeEmail } from '@cognito-tenancy/registry/normalize';
import type { TenantClaimsItem } from '@cognito-tenancy/registry/records';
import type { Config } from './config';
import { EmailDomainError, IdentityError, RegistryError, UnknownTenantError } from './errors';
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

type BindConfig = Pick<Config, 'sharedUserPoolIds' | 'emailDomainCheck' | 'maxGroups' | 'maxGroupsBytes'>;

function tenantKey(
  event: TriggerEvent,
  providerName: string | undefined,
  config: BindConfig,
): TenantTableKey {
  if (!config.sharedUserPoolIds.has(event.userPoolId)) return poolItemKey(event.userPoolId);
  if (providerName === undefined) throw new IdentityError('no-identity');
  return providerItemKey(event.userPoolId, providerName);
}

/**
 * True when `domain` (not itself one of the tenant's domains) belongs to the tenant through
 * `includeSubdomains`: it must lie under one of the tenant's domains (pure check first, so
 * other addresses cost no read), and discovery's nearest-registered-ancestor rule must name
 * this tenant, so a subdomain registered to another tenant is never accepted here either.
 */
async function subdomainOfTenant(
  domain: string,
  tenant: TenantClaimsItem,
  domainLookup: DomainLookup | undefined,
): Promise<boolean> {
  if (domainLookup === undefined) return false;
  if (!tenant.emailDomains.some((registered) => domain.endsWith(`.${registered}`))) return false;
  let match: Awaited<ReturnType<typeof matchDomain>>;
  try {
    // Start every candidate read at once (the cache coalesces them with matchDomain's own
    // calls): one round after the tenant read, so the trigger stays inside Cognito's 5 s.
    const { exact, parents } = candidateDomains(domain);
    for (const name of exact === undefined ? parents : [exact, ...parents])
      domainLookup(name).catch(() => {});
    match = await matchDomain(domain, domainLookup);
  } catch (error) {
    // A store failure never turns into "mismatch" or "match": the sign-in fails closed.
    throw error instanceof RegistryError
      ? error
      : new RegistryError('registry-unavailable', { cause: error });
  }
  return match.found && match.matchedBy === 'parent' && match.item.tenantId === tenant.tenantId;
}

async function emailDomain(
  email: string | undefined,
  tenant: TenantClaimsItem,
  check: Config['emailDomainCheck'],
  flags: BindingFlag[],
  domainLookup: DomainLookup | undefined,
): Promise<string | undefined> {
  const normalized = normalizeEmail(email);
  if (normalized.ok) {
    const { domain } = normalized.value;
    if (tenant.emailDomains.includes(domain)) return domain;
    if (await subdomainOfTenant(domain, tenant, domainLookup)) return domain;
  }
  const reason = normalized.ok ? 'email-domain-mismatch' : 'email-missing';
  if (check === 'enforce') throw new EmailDomainError(reason);
  flags.push(reason);
  return undefined;
}

/**
 * Binds the event's user to a tenant. Throws a {@link TriggerError} subclass when it
 * cannot (see `outcome.ts` for what each one means). Without `domainLookup` (the tenant
 * table's `DOMAIN#` items) only the tenant's exact email domains are accepted.
 */
export async function bindTenant(
  event: TriggerEvent,
  lookup: TenantLookup,
  config: BindConfig,
  domainLookup?: DomainLookup,
): Promise<TenantBinding> {
  const providerName = identityProvider(event.attributes.identities);
  const tenant = await lookup(tenantKey(event, providerName, config));
  if (!tenant) throw new UnknownTenantError();
  const flags: BindingFlag[] = [];
  const domain = await emailDomain(
    event.attributes.email,
    tenant,
    config.emailDomainCheck,
    flags,
    domainLookup,
  );

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
