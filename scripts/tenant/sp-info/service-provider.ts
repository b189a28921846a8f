/**
 * What a tenant's IdP admin configures: Cognito's SAML service-provider values for the
 * tenant's pool, the attributes to send, the group filter and a sign-in URL to test with.
 */
import { buildAuthorizeUrl } from '@cognito-tenancy/registry/authorize-url';
import { type ResolvedEnvironment, tenantCallbackUrls } from '@cognito-tenancy/registry/environment';
import { shardDomainPrefix, sharedPoolOf } from '@cognito-tenancy/registry/shared-pools';
import { CommandError } from '../errors';

/** Cognito recommends a persistent NameID so a user keeps one identity across sign-ins. */
export const NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
export const POOL_ID_PLACEHOLDER = '<USER_POOL_ID: known after deploy; pass --pool-id or --outputs>';
/** Put in the test URL's client_id when the client id is unknown; the text output flags it. */
export const CLIENT_ID_PLACEHOLDER = 'CLIENT_ID_KNOWN_AFTER_DEPLOY';

export interface SamlAttribute {
  /** Cognito user attribute it maps to. */
  readonly userAttribute: string;
  /** SAML attribute name the IdP must send. */
  readonly samlAttribute: string;
  readonly required: boolean;
}

export interface GroupFilter {
  readonly allow: readonly string[];
  readonly prefixes: readonly string[];
  /** One regular expression for IdPs that filter by regex (Okta). */
  readonly regex: string;
}

export interface ServiceProviderInfo {
  readonly tenant: string;
  readonly displayName: string;
  readonly pattern: 'dedicated' | 'shared';
  /** A shared tenant's shard (`shared-00`, ...): its pool, so its ACS URL and SP entity id. Null when dedicated. */
  readonly sharedPool: string | null;
  readonly environment: string;
  readonly region: string;
  readonly identityProvider: string;
  readonly cognitoDomain: string;
  readonly acsUrl: string;
  /** `urn:amazon:cognito:sp:<poolId>`; null until the pool id is known. */
  readonly audience: string | null;
  readonly userPoolId: string | null;
  readonly clientId: string | null;
  readonly nameIdFormat: string;
  readonly signOutUrl: string | null;
  readonly attributes: readonly SamlAttribute[];
  readonly groupFilter: GroupFilter | null;
  /** Authorize URL with the real client id; null until the client id is known. */
  readonly signInTestUrl: string | null;
  readonly redirectUri: string;
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the SP information for `tenantId`. Throws {@link CommandError} for an unknown tenant. */
export function serviceProviderInfo(
  env: ResolvedEnvironment,
  tenantId: string,
  ids: { readonly userPoolId?: string; readonly clientId?: string },
): ServiceProviderInfo {
  const tenant = env.tenants.find((t) => t.id === tenantId);
  if (!tenant) {
    const known = env.tenants.map((t) => t.id).join(', ') || 'none';
    throw new CommandError(`no tenant '${tenantId}' in ${env.environment}`, [
      `tenants in this file: ${known}`,
    ]);
  }
  const pool = tenant.pattern === 'shared' ? env.sharedPool : tenant.pool;
  if (!pool) throw new CommandError(`tenant '${tenantId}' has no user pool settings`);
  const shard = tenant.pattern === 'shared' ? sharedPoolOf(tenant) : null;
  // Every shard is a pool of its own: its own domain, ACS URL and SP entity id.
  const domainPrefix = shard === null ? pool.domainPrefix : shardDomainPrefix(pool.domainPrefix, shard);
  const cognitoDomain = `${domainPrefix}.auth.${env.region}.amazoncognito.com`;
  const redirectUri = tenantCallbackUrls(tenant)[0] ?? '';
  const mapping = tenant.idp.attributeMapping;
  const attributes: SamlAttribute[] = [
    { userAttribute: 'email', samlAttribute: mapping.email, required: true },
  ];
  for (const name of ['given_name', 'family_name'] as const) {
    const saml = mapping[name];
    if (saml !== undefined) attributes.push({ userAttribute: name, samlAttribute: saml, required: false });
  }
  if (mapping.groups !== undefined) {
    attributes.push({ userAttribute: 'custom:groups', samlAttribute: mapping.groups, required: false });
  }
  const { allow, prefixes } = tenant.groups;
  const alternatives = [...allow.map(escapeRegex), ...prefixes.map((p) => `${escapeRegex(p)}.*`)];
  const groupFilter =
    mapping.groups === undefined || alternatives.length === 0
      ? null
      : { allow, prefixes, regex: `^(?:${alternatives.join('|')})$` };
  const signInTestUrl = (clientId: string) =>
    buildAuthorizeUrl({ cognitoDomain, clientId, redirectUri, identityProvider: tenant.idp.name });
  return {
    tenant: tenant.id,
    displayName: tenant.displayName,
    pattern: tenant.pattern,
    sharedPool: shard,
    environment: env.environment,
    region: env.region,
    identityProvider: tenant.idp.name,
    cognitoDomain,
    acsUrl: `https://${cognitoDomain}/saml2/idpresponse`,
    audience: ids.userPoolId === undefined ? null : `urn:amazon:cognito:sp:${ids.userPoolId}`,
    userPoolId: ids.userPoolId ?? null,
    clientId: ids.clientId ?? null,
    nameIdFormat: NAME_ID_FORMAT,
    signOutUrl: tenant.idp.signOut ? `https://${cognitoDomain}/saml2/logout` : null,
    attributes,
    groupFilter,
    signInTestUrl: ids.clientId === undefined ? null : signInTestUrl(ids.clientId),
    redirectUri,
  };
}

/** The test URL with a visible placeholder for the client id (text output only). */
export function placeholderSignInUrl(info: ServiceProviderInfo): string {
  return buildAuthorizeUrl({
    cognitoDomain: info.cognitoDomain,
    clientId: CLIENT_ID_PLACEHOLDER,
    redirectUri: info.redirectUri,
    identityProvider: info.identityProvider,
  });
}
