/**
 * The API's route table and the authorizer's contract, defined once: infra builds the
 * REST API from it and the local gateway serves the same routes, so the two cannot drift.
 */

/** Functions that serve routes (package names under `packages/`). */
export type RouteFunction = 'config-resolver' | 'tenant-match' | 'sign-out';

export interface Route {
  readonly method: 'GET' | 'POST' | 'ANY';
  /** API Gateway resource path; `{proxy+}` is the greedy catch-all. */
  readonly path: string;
  /** `public`: no authorizer (throttled, discovery only). `authorizer`: the REQUEST authorizer runs first. */
  readonly auth: 'public' | 'authorizer';
  /**
   * A Lambda (proxy integration; behind the authorizer it receives the tenant context in
   * `requestContext.authorizer`) or the environment's service (HTTP proxy with tenant headers).
   */
  readonly target: { readonly lambda: RouteFunction } | { readonly service: true };
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/config', auth: 'public', target: { lambda: 'config-resolver' } },
  { method: 'POST', path: '/tenant-match', auth: 'public', target: { lambda: 'tenant-match' } },
  // Forced sign-out by a tenant admin. Its resources take `/admin`, `/admin/users` and
  // `/admin/users/{sub}` (no methods) away from `/{proxy+}`: API Gateway answers those
  // paths `Missing Authentication Token` instead of proxying them to the service.
  {
    method: 'POST',
    path: '/admin/users/{sub}/sign-out',
    auth: 'authorizer',
    target: { lambda: 'sign-out' },
  },
  { method: 'ANY', path: '/{proxy+}', auth: 'authorizer', target: { service: true } },
];

/**
 * The REQUEST authorizer's identity sources. The domain is one of them so that API
 * Gateway's result cache is keyed per tenant host as well as per token.
 */
export const AUTHORIZER_IDENTITY_SOURCES: readonly string[] = [
  'method.request.header.Authorization',
  'context.domainName',
];

/**
 * Keys of the authorizer's `context` (string values only) and the request headers the
 * gateway sets from them for the service. `groups` is a JSON array string, because IdP
 * group names may contain any delimiter (`CN=Admins,OU=X`).
 */
export const TENANT_CONTEXT = {
  tenantId: 'x-tenant-id',
  sub: 'x-user-sub',
  username: 'x-username',
  groups: 'x-user-groups',
  tokenUse: 'x-token-use',
  clientId: 'x-client-id',
} as const;

export type TenantContextKey = keyof typeof TENANT_CONTEXT;
/** The authorizer's `context` object. */
export type TenantContext = { readonly [K in TenantContextKey]: string };
