/**
 * Rules across tenants that the registry's validation cannot see because they need the
 * metadata: one IdP must serve one tenant. Entity IDs are compared normalised
 * ({@link entityIdKey}) and signing certificates by SHA-256 fingerprint, so a copied document
 * with a cosmetic change still collides. Also flags overlapping email domains.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { type Finding, tenantLabel } from '../findings';
import { entityIdKey } from './entity-id';
import type { TenantMetadataResult } from './tenant-metadata';

type Tenant = ResolvedEnvironment['tenants'][number];

interface Owner {
  readonly index: number;
  readonly label: string;
  readonly entityId: string;
}

/** Findings for entity IDs, certificates, metadata sources and domains shared between tenants. */
export function crossTenantFindings(
  env: ResolvedEnvironment,
  metadata: readonly TenantMetadataResult[],
): Finding[] {
  const findings: Finding[] = [];
  const entityOwner = new Map<string, Owner>();
  const certificateOwner = new Map<string, Owner>();
  const sourceOwner = new Map<string, string>();
  metadata.forEach((result, index) => {
    const tenant = env.tenants[index];
    if (tenant === undefined) return;
    const label = tenantLabel(index, tenant.id);
    const where = `${label}.${result.field}`;
    const source = sourceOwner.get(result.location);
    if (source !== undefined) {
      findings.push({
        severity: 'error',
        code: 'tenants.shared-metadata',
        where,
        message: `uses the same metadata as ${source}`,
        fix: "each tenant needs its own IdP application; use that application's metadata",
      });
    } else {
      sourceOwner.set(result.location, label);
    }
    const summary = result.summary;
    if (summary === undefined || summary.entityId === '') return;
    const me: Owner = { index, label, entityId: summary.entityId };
    const key = entityIdKey(summary.entityId);
    const owner = entityOwner.get(key);
    if (owner !== undefined) {
      // The same entity shares its certificates too; one finding says it all.
      findings.push(sharedEntity(where, me, owner));
      return;
    }
    entityOwner.set(key, me);
    const reported = new Set<number>();
    for (const certificate of summary.certificates) {
      const holder = certificateOwner.get(certificate.fingerprint256);
      if (holder === undefined) {
        certificateOwner.set(certificate.fingerprint256, me);
      } else if (
        holder.index !== index &&
        !reported.has(holder.index) &&
        !allowed(tenant, env.tenants[holder.index])
      ) {
        reported.add(holder.index);
        findings.push({
          severity: 'error',
          code: 'tenants.shared-signing-certificate',
          where,
          message: `signing certificate ${certificate.subject} (SHA-256 ${certificate.fingerprint256}) also signs for ${holder.label} (entity '${holder.entityId}'); whoever holds its key can sign users into both tenants`,
          fix: `use the metadata of this tenant's own IdP application; if both tenants really are one IdP, add '${env.tenants[holder.index]?.id}' to idp.sharesSigningCertificateWith`,
        });
      }
    }
  });
  findings.push(...unknownAllowances(env), ...overlappingDomains(env));
  return findings;
}

function sharedEntity(where: string, me: Owner, owner: Owner): Finding {
  const same = me.entityId === owner.entityId;
  return {
    severity: 'error',
    code: 'tenants.shared-entity-id',
    where,
    message: same
      ? `IdP entity ID '${me.entityId}' already serves ${owner.label}; one IdP serving two tenants lets one tenant's users sign in as the other's`
      : `IdP entity ID '${me.entityId}' is ${owner.label}'s '${owner.entityId}' written differently (case, trailing /, scheme or port); one IdP serving two tenants lets one tenant's users sign in as the other's`,
    fix: "create a separate IdP application per tenant and use that application's metadata",
  };
}

/** A shared certificate is allowed when either tenant names the other. */
function allowed(a: Tenant, b: Tenant | undefined): boolean {
  if (b === undefined) return false;
  return (
    (a.idp.sharesSigningCertificateWith ?? []).includes(b.id) ||
    (b.idp.sharesSigningCertificateWith ?? []).includes(a.id)
  );
}

/** An allowance naming no tenant of this file is a typo that would silently allow nothing. */
function unknownAllowances(env: ResolvedEnvironment): Finding[] {
  const ids = new Set(env.tenants.map((t) => t.id));
  return env.tenants.flatMap((tenant, index) =>
    (tenant.idp.sharesSigningCertificateWith ?? [])
      .filter((id) => !ids.has(id) || id === tenant.id)
      .map((id) => ({
        severity: 'warning' as const,
        code: 'tenants.unknown-certificate-allowance',
        where: `${tenantLabel(index, tenant.id)}.idp.sharesSigningCertificateWith`,
        message:
          id === tenant.id
            ? `names the tenant itself ('${id}')`
            : `names '${id}', which is not a tenant of this file`,
        fix: 'list the ids of the other tenants whose IdP signs with the same certificate, or remove the entry',
      })),
  );
}

/** A tenant with includeSubdomains whose parent domain covers another tenant's domain. */
function overlappingDomains(env: ResolvedEnvironment): Finding[] {
  const findings: Finding[] = [];
  env.tenants.forEach((parent, p) => {
    if (!parent.includeSubdomains) return;
    env.tenants.forEach((child, c) => {
      if (c === p) return;
      for (const domain of child.emailDomains) {
        const covering = parent.emailDomains.find((d) => domain.endsWith(`.${d}`));
        if (covering === undefined) continue;
        findings.push({
          severity: 'warning',
          code: 'tenants.overlapping-domains',
          where: `${tenantLabel(c, child.id)}.emailDomains`,
          message: `'${domain}' is a subdomain of '${covering}', which ${tenantLabel(p, parent.id)} claims with includeSubdomains`,
          fix: 'make sure the most specific domain is meant to win, or remove the overlap',
        });
      }
    });
  });
  return findings;
}
