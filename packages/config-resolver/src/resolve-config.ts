import type { CacheSource } from '@cognito-tenancy/registry/ttl-cache';
import { UnknownTenantError } from './errors';
import type { HostLookup } from './host-lookup';
import { type SignInConfig, toSignInConfig } from './sign-in-config';
import { tenantHost } from './tenant-host';

export interface ResolveDeps {
  readonly registryPrefix: string;
  readonly lookup: HostLookup;
  /** See `Config.allowDistributionHosts`. */
  readonly allowDistributionHosts?: boolean;
}

/** A resolved tenant: its public config, its normalised host and where the record came from. */
export interface Resolved {
  readonly host: string;
  readonly config: SignInConfig;
  readonly source: CacheSource;
}

/**
 * Raw host -> the tenant's sign-in config. The host is normalised and validated before
 * the lookup is touched; an invalid or platform host never reaches SSM.
 *
 * Throws `InvalidHostError`, `PlatformHostError`, `UnknownTenantError` or `RegistryUnavailableError`.
 */
export async function resolveConfig(rawHost: unknown, deps: ResolveDeps): Promise<Resolved> {
  const tenant = tenantHost(rawHost, deps.registryPrefix, deps.allowDistributionHosts === true);
  const { value, source } = await deps.lookup(tenant);
  if (value === undefined) throw new UnknownTenantError(tenant.host);
  return { host: tenant.host, config: toSignInConfig(value), source };
}
