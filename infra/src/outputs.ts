/**
 * Stack outputs: where the API is, the pools and clients, and per tenant what its IdP
 * admin needs to register Cognito as a SAML service provider.
 */
import type { ResolvedEnvironment, Tenant } from '@cognito-tenancy/registry/environment';
import {
  DEFAULT_SHARED_POOL,
  sharedPoolOf,
  sharedPoolOutputName,
} from '@cognito-tenancy/registry/shared-pools';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';

/** SAML assertion consumer service URL of a pool's hosted UI domain. */
export function acsUrl(hostedUiDomain: string): string {
  return `https://${hostedUiDomain}/saml2/idpresponse`;
}

/** SAML audience (SP entity id) of a user pool. */
export function audienceUrn(userPoolId: string): string {
  return `urn:amazon:cognito:sp:${userPoolId}`;
}

/** Where the IdP sends SAML logout responses (when sign-out is on). */
export function sloUrl(hostedUiDomain: string): string {
  return `https://${hostedUiDomain}/saml2/logout`;
}

export interface StackOutputsInput {
  readonly env: ResolvedEnvironment;
  readonly apiUrl?: string;
  /** The shards of the shared pool that exist, by shard (`shared-00`, ...). */
  readonly sharedPools: ReadonlyMap<string, PoolOutput>;
  /** Absent in the tenant-stacks layout: each tenant stack outputs its own. */
  readonly dedicatedPools?: ReadonlyMap<string, PoolOutput>;
  readonly tenantTableName: string;
  readonly revocationTableName?: string;
  readonly domainTargets?: ReadonlyMap<string, string>;
}

/** A pool as outputs show it: the shard pools of the tenant-stacks layout have no common client. */
export interface PoolOutput {
  readonly pool: { readonly id: string };
  readonly client?: { readonly id: string };
  readonly hostedUiDomain: string;
}

function poolSummary(pool: PoolOutput) {
  return {
    user_pool_id: pool.pool.id,
    ...(pool.client === undefined ? {} : { client_id: pool.client.id }),
    hosted_ui_domain: pool.hostedUiDomain,
  };
}

/** What a tenant's IdP admin needs: ACS URL, audience (SP entity id), sign-out URL. */
export function tenantOutputValue(
  tenant: Tenant,
  pool: { readonly userPoolId: string; readonly hostedUiDomain: string },
) {
  return {
    pattern: tenant.pattern,
    identity_provider: tenant.idp.name,
    user_pool_id: pool.userPoolId,
    acs_url: acsUrl(pool.hostedUiDomain),
    audience: audienceUrn(pool.userPoolId),
    ...(tenant.idp.signOut ? { slo_url: sloUrl(pool.hostedUiDomain) } : {}),
    email_domains: [...tenant.emailDomains],
    hosts: [...tenant.hosts],
  };
}

/** Declares the outputs on `scope`. */
export function stackOutputs(scope: Construct, input: StackOutputsInput): void {
  const { env } = input;
  if (input.apiUrl !== undefined) {
    new TerraformOutput(scope, 'api_url', {
      value: input.apiUrl,
      description: 'Invoke URL of the API stage',
    });
  }
  new TerraformOutput(scope, 'registry_prefix', {
    value: env.registryPrefix,
    description: 'SSM path of the tenant registry',
  });
  new TerraformOutput(scope, 'tenant_table_name', {
    value: input.tenantTableName,
    description: 'DynamoDB tenant table',
  });
  if (input.revocationTableName !== undefined) {
    new TerraformOutput(scope, 'revocation_table_name', {
      value: input.revocationTableName,
      description: 'DynamoDB revocations table (forced sign-out cut-offs)',
    });
  }
  // shared-00 keeps the output it had before sharding; each other shard gets `shared_pool_NN`.
  for (const [shard, pool] of input.sharedPools) {
    new TerraformOutput(scope, sharedPoolOutputName(shard), {
      value: poolSummary(pool),
      description:
        shard === DEFAULT_SHARED_POOL
          ? 'The shared user pool, its app client and hosted UI domain'
          : `Shard ${shard} of the shared user pool, its app client and hosted UI domain`,
    });
  }
  if (input.dedicatedPools !== undefined)
    perTenantOutputs(scope, env, input.sharedPools, input.dedicatedPools);
  if (input.domainTargets !== undefined) {
    new TerraformOutput(scope, 'custom_domain_targets', {
      value: Object.fromEntries(input.domainTargets),
      description: 'Per tenant host, the API Gateway regional domain its DNS record points at',
    });
  }
}

/** The one-stack layout's per-tenant outputs: every dedicated pool and every tenant. */
function perTenantOutputs(
  scope: Construct,
  env: ResolvedEnvironment,
  sharedPools: ReadonlyMap<string, PoolOutput>,
  dedicatedPools: ReadonlyMap<string, PoolOutput>,
): void {
  const dedicated: Record<string, ReturnType<typeof poolSummary>> = {};
  for (const [tenantId, pool] of dedicatedPools) dedicated[tenantId] = poolSummary(pool);
  new TerraformOutput(scope, 'dedicated_pools', {
    value: dedicated,
    description: 'Per dedicated tenant: its user pool, app client and hosted UI domain',
  });
  const tenants: Record<string, unknown> = {};
  for (const tenant of env.tenants) {
    const pool =
      tenant.pattern === 'shared' ? sharedPools.get(sharedPoolOf(tenant)) : dedicatedPools.get(tenant.id);
    if (pool === undefined) continue;
    tenants[tenant.id] = tenantOutputValue(tenant, {
      userPoolId: pool.pool.id,
      hostedUiDomain: pool.hostedUiDomain,
    });
  }
  new TerraformOutput(scope, 'tenants', {
    value: tenants,
    description: 'Per tenant, what its IdP admin needs: ACS URL, audience (SP entity id), sign-out URL',
  });
}
