/**
 * Rules across tenants that the registry's validation cannot see because they need the
 * metadata: one IdP entity must serve one tenant. Also flags overlapping email domains.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { type Finding, tenantLabel } from '../findings';
import type { TenantMetadataResult } from './tenant-metadata';

/** Findings for entity IDs, metadata sources and domains shared between tenants. */
export function crossTenantFindings(
  env: ResolvedEnvironment,
  metadata: readonly TenantMetadataResult[],
): Finding[] {
  const findings: Finding[] = [];
  const entityOwner = new Map<string, string>();
  const sourceOwner = new Map<string, string>();
  metadata.forEach((result, index) => {
    const tenant = env.tenants[index];
    if (tenant === undefined) return;
    const label = tenantLabel(index, tenant.id);
    const source = sourceOwner.get(result.location);
    if (source !== undefined) {
      findings.push({
        severity: 'error',
        code: 'tenants.shared-metadata',
        where: `${label}.${result.field}`,
        message: `uses the same metadata as ${source}`,
        fix: "each tenant needs its own IdP application; use that application's metadata",
      });
    } else {
      sourceOwner.set(result.location, label);
    }
    const entityId = result.summary?.entityId;
    if (entityId === undefined || entityId === '') return;
    const owner = entityOwner.get(entityId);
    if (owner !== undefined) {
      findings.push({
        severity: 'error',
        code: 'tenants.shared-entity-id',
        where: `${label}.${result.field}`,
        message: `IdP entity ID '${entityId}' already serves ${owner}; one IdP serving two tenants lets one tenant's users sign in as the other's`,
        fix: "create a separate IdP application per tenant and use that application's metadata",
      });
    } else {
      entityOwner.set(entityId, label);
    }
  });
  findings.push(...overlappingDomains(env));
  return findings;
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
