/**
 * What Cognito knows about each app client, rebuilt from the environment and the seeded
 * pools: its pool, the IdPs it may use (with the email domains Cognito routes
 * `idp_identifier` by), and its callback and sign-out URL allow-lists.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { type EnvironmentPools, tenantPool } from '@cognito-tenancy/registry/registry-entries';

export interface ClientIdp {
  readonly tenantId: string;
  readonly name: string;
  readonly emailDomains: readonly string[];
}

export interface AppClient {
  readonly clientId: string;
  readonly userPoolId: string;
  readonly idps: readonly ClientIdp[];
  readonly callbackUrls: ReadonlySet<string>;
  readonly logoutUrls: ReadonlySet<string>;
}

/**
 * One entry per app client: a dedicated tenant's own, and each shard's of the shared pool (its
 * shared tenants), or with `tenantStacks` each shared tenant's own in its shard.
 */
export function appClients(env: ResolvedEnvironment, pools: EnvironmentPools): Map<string, AppClient> {
  const clients = new Map<string, AppClient>();
  for (const tenant of env.tenants) {
    const pool = tenantPool(tenant, pools);
    if (pool === undefined) continue;
    const existing = clients.get(pool.clientId);
    const idp: ClientIdp = { tenantId: tenant.id, name: tenant.idp.name, emailDomains: tenant.emailDomains };
    clients.set(pool.clientId, {
      clientId: pool.clientId,
      userPoolId: pool.userPoolId,
      idps: [...(existing?.idps ?? []), idp],
      callbackUrls: new Set([...(existing?.callbackUrls ?? []), ...(tenant.callbackUrls ?? [])]),
      logoutUrls: new Set([...(existing?.logoutUrls ?? []), ...(tenant.logoutUrls ?? [])]),
    });
  }
  return clients;
}

/**
 * The IdP an authorize request names: `identity_provider` by name (case-insensitive, as
 * Cognito compares IdP names), or `idp_identifier` by email domain (or an address).
 */
export function chooseIdp(
  client: AppClient,
  identityProvider: string | undefined,
  idpIdentifier: string | undefined,
): ClientIdp | undefined {
  if (identityProvider !== undefined) {
    return client.idps.find((idp) => idp.name.toLowerCase() === identityProvider.toLowerCase());
  }
  if (idpIdentifier !== undefined) {
    const domain = idpIdentifier.toLowerCase().split('@').pop() ?? '';
    return client.idps.find((idp) => idp.emailDomains.includes(domain));
  }
  // A client with exactly one IdP (a dedicated pool) needs no hint.
  return client.idps.length === 1 ? client.idps[0] : undefined;
}
