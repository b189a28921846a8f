/** A small tenant-stacks environment of shared tenants, for the tenant-state tests. */
import { parseEnvironment, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';

/** A shared tenant `id` with its own email domain and IdP. */
export const sharedTenant = (id: string) => ({
  id,
  displayName: id,
  pattern: 'shared',
  emailDomains: [`${id}.example`],
  idp: { name: `Idp-${id}`, metadataUrl: `https://idp.${id}.example/saml` },
  callbackUrls: ['https://app.dev.example.com/callback'],
});

/** `dev` with `tenantStacks` and these shared tenants; `extra` overrides top-level fields. */
export function tenantStacksEnvironment(
  tenantIds: readonly string[],
  extra: Record<string, unknown> = {},
): ResolvedEnvironment {
  return parseEnvironment(
    {
      environment: 'dev',
      region: 'eu-west-1',
      tenantStacks: true,
      sharedPool: { domainPrefix: 'ct-dev-shared' },
      tenants: tenantIds.map(sharedTenant),
      ...extra,
    },
    'dev.json',
  );
}
