/**
 * Which Terraform stacks an environment synthesizes. One stack (`<env>`) by default; with
 * `tenantStacks` (issue #21) the platform stack `<env>` plus one stack per tenant,
 * `<env>--<tenant id>`, each with its own state. A tenant stack reads the platform values
 * it needs from parameters the platform stack publishes, never from the platform's state.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';

/** The stack of one tenant (`dev--acme`); its state key is the environment's and the tenant id's (backend.ts). */
export function tenantStackName(environment: string, tenantId: string): string {
  return `${environment}--${tenantId}`;
}

/** Every stack of the environment: the platform's, each tenant's, then each retired tenant's (empty). */
export function stackNames(
  env: Pick<ResolvedEnvironment, 'environment' | 'tenantStacks' | 'tenants'> &
    Partial<Pick<ResolvedEnvironment, 'retiredTenants'>>,
): string[] {
  if (!env.tenantStacks) return [env.environment];
  return [
    env.environment,
    ...env.tenants.map((tenant) => tenantStackName(env.environment, tenant.id)),
    ...(env.retiredTenants ?? []).map((id) => tenantStackName(env.environment, id)),
  ];
}

/** The tenant (listed or retired) whose stack `stack` is; undefined for the platform's. */
export function tenantOfStack(
  env: Pick<ResolvedEnvironment, 'environment' | 'tenants' | 'retiredTenants'>,
  stack: string,
): string | undefined {
  return [...env.tenants.map((tenant) => tenant.id), ...env.retiredTenants].find(
    (id) => tenantStackName(env.environment, id) === stack,
  );
}

/**
 * Published by the platform stack for tenant stacks: the user pool id of a shard of the
 * shared pool. Under the registry prefix (the trust root), outside every path a Lambda reads.
 */
export function sharedPoolParameterName(registryPrefix: string, shard: string): string {
  return `${registryPrefix}/platform/shared-pools/${shard}`;
}

/**
 * Published by the platform stack for tenant stacks when hosting has a Route 53 zone: the SPA
 * distribution's `d<id>.cloudfront.net` name, which each tenant stack aliases its hosts to.
 */
export function distributionDomainParameterName(registryPrefix: string): string {
  return `${registryPrefix}/platform/hosting/distribution-domain`;
}

/**
 * Published by the platform stack for tenant stacks with `api.customDomains` (and by the
 * one-stack `sharedTenantClients` release): the REST API's id, which each tenant stack maps its
 * hosts' custom domains to.
 */
export function restApiParameterName(registryPrefix: string): string {
  return `${registryPrefix}/platform/api/rest-api-id`;
}
