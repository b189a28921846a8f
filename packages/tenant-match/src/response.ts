/**
 * Response shapes: the 200 body (only what a browser needs), the constant 404 and the
 * preflight headers. Common headers and CORS come from the kit (`respond`, `corsHeaders`);
 * answers carry an email address (login_hint), so no shared cache may keep them (no-store).
 */
import {
  buildAuthorizeUrl,
  buildOidcSettings,
  type OidcClientSettings,
} from '@cognito-tenancy/registry/authorize-url';
import type { NormalizedEmail } from '@cognito-tenancy/registry/normalize';
import type { DomainItem } from '@cognito-tenancy/registry/records';

/** What API Gateway (REST v1 proxy and HTTP API v2) accepts from the function (the kit's shape). */
export type { ProxyResponse } from '@cognito-tenancy/kit/http-response';

/** The 200 body. Nothing else of the item (pattern, flags) leaves the function. */
export interface TenantMatchBody {
  readonly tenantId: string;
  readonly displayName: string;
  readonly identityProvider: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
  readonly cognitoDomain: string;
  /** Hosted UI authorize URL (code flow, S256); the browser adds `state` and `code_challenge`. */
  readonly authorizeUrl: string;
  /** Exactly what oidc-client-ts's `UserManager` takes (code flow + PKCE, this IdP, `login_hint`). */
  readonly oidc: OidcClientSettings;
}

/** The body of every 404, whatever the domain: byte-identical so answers cannot be told apart. */
export const NOT_FOUND_BODY = JSON.stringify({ message: 'No tenant matches this email domain' });

/** The 200 body for `item`, with `login_hint` set to the normalised address. */
export function tenantBody(item: DomainItem, email: NormalizedEmail): string {
  const body: TenantMatchBody = {
    tenantId: item.tenantId,
    displayName: item.displayName,
    identityProvider: item.identityProvider,
    userPoolId: item.userPoolId,
    clientId: item.clientId,
    region: item.region,
    cognitoDomain: item.cognitoDomain,
    authorizeUrl: buildAuthorizeUrl({
      cognitoDomain: item.cognitoDomain,
      clientId: item.clientId,
      redirectUri: item.redirectUri,
      identityProvider: item.identityProvider,
      loginHint: email.address,
    }),
    oidc: buildOidcSettings({ ...item, loginHint: email.address }),
  };
  return JSON.stringify(body);
}

/** Extra headers of a successful preflight (only sent for an allowed origin). */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  // Browsers cap this anyway (Chromium: 2 h); 10 minutes keeps config changes quick.
  'access-control-max-age': '600',
};
