/**
 * A demo user signs in only when discovery can find their tenant by email: their address's
 * domain must be one of the tenant's `emailDomains` (or under one, with `includeSubdomains`).
 * `start` warns about the others instead of seeding users who can never sign in unnoticed.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';

/** The user and tenant fields this check reads (DemoUserSpec and SeededUser both fit). */
export interface DemoUserAddress {
  readonly tenant: string;
  readonly email: string;
}

type Tenant = ResolvedEnvironment['tenants'][number];

function covers(tenant: Tenant, domain: string): boolean {
  return tenant.emailDomains.some(
    (d) => d === domain || (tenant.includeSubdomains && domain.endsWith(`.${d}`)),
  );
}

/** One warning per demo user whose email domain does not lead to their own tenant. */
export function demoUserDomainWarnings(
  users: readonly DemoUserAddress[],
  env: ResolvedEnvironment,
  usersFile: string,
): string[] {
  const warnings: string[] = [];
  for (const user of users) {
    const tenant = env.tenants.find((t) => t.id === user.tenant);
    const domain = user.email.slice(user.email.lastIndexOf('@') + 1).toLowerCase();
    if (tenant === undefined || covers(tenant, domain)) continue;
    const owner = env.tenants.find((t) => covers(t, domain));
    const why =
      owner === undefined
        ? `${domain} is an email domain of no tenant`
        : `${domain} belongs to tenant '${owner.id}', not '${tenant.id}'`;
    warnings.push(
      `demo user ${user.email} (tenant '${tenant.id}') cannot sign in: ${why}. ` +
        `Fix: give them an address @${tenant.emailDomains[0]} in ${usersFile}, ` +
        `or add ${domain} to tenant '${tenant.id}' emailDomains in the environment file.`,
    );
  }
  return warnings;
}
