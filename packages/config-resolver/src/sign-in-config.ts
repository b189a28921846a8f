import {
  buildAuthorizeUrl,
  buildOidcSettings,
  type OidcClientSettings,
} from '@cognito-tenancy/registry/authorize-url';
import type { HostRecord, SignInTarget } from '@cognito-tenancy/registry/records';

/** The body of a 200: only what a browser needs to start the code flow with PKCE. */
export interface SignInConfig extends SignInTarget {
  readonly tenantId: string;
  /** The tenant's display name (the tenant id for records written before names were stored). */
  readonly displayName: string;
  // redirectUri is needed again by the browser for the code-for-token exchange; already public in `authorizeUrl`.
  /** Hosted UI authorize URL with `identity_provider` set; the browser adds `state` and `code_challenge`. */
  readonly authorizeUrl: string;
  /** Exactly what oidc-client-ts's `UserManager` takes (code flow + PKCE for this tenant's IdP). */
  readonly oidc: OidcClientSettings;
}

/**
 * Picks the public fields of a host record, one by one: a field added to the record
 * later (or smuggled into the parameter) is never passed through.
 */
export function toSignInConfig(record: HostRecord): SignInConfig {
  return {
    tenantId: record.tenantId,
    displayName: record.displayName ?? record.tenantId,
    region: record.region,
    userPoolId: record.userPoolId,
    clientId: record.clientId,
    cognitoDomain: record.cognitoDomain,
    identityProvider: record.identityProvider,
    redirectUri: record.redirectUri,
    authorizeUrl: buildAuthorizeUrl({
      cognitoDomain: record.cognitoDomain,
      clientId: record.clientId,
      redirectUri: record.redirectUri,
      identityProvider: record.identityProvider,
    }),
    oidc: buildOidcSettings(record),
  };
}
