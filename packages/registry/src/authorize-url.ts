/**
 * The hosted UI authorize URL that discovery endpoints hand to the browser. The browser
 * adds its own `state` and PKCE `code_challenge` before following it.
 */
export interface AuthorizeUrlInput {
  /** Hosted UI domain without scheme, or an `http(s)://` origin (the local stack). */
  readonly cognitoDomain: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly identityProvider: string;
  /** Pre-fills the IdP's sign-in form; only pass an already-normalised address. */
  readonly loginHint?: string;
  readonly scopes?: readonly string[];
}

/** Default OAuth scopes: no `aws.cognito.signin.user.admin`. */
export const DEFAULT_SCOPES: readonly string[] = ['openid', 'email', 'profile'];

/** Builds `https://<domain>/oauth2/authorize?response_type=code&...&code_challenge_method=S256`. */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const origin = /^https?:\/\//.test(input.cognitoDomain)
    ? input.cognitoDomain
    : `https://${input.cognitoDomain}`;
  const url = new URL('/oauth2/authorize', origin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('identity_provider', input.identityProvider);
  url.searchParams.set('scope', (input.scopes ?? DEFAULT_SCOPES).join(' '));
  url.searchParams.set('code_challenge_method', 'S256');
  if (input.loginHint !== undefined) url.searchParams.set('login_hint', input.loginHint);
  return url.toString();
}

/** What a discovery answer needs to describe one tenant's sign-in to an OIDC client. */
export interface OidcSettingsInput {
  /** Hosted UI domain without scheme, or an `http(s)://` origin (the local stack's stand-in). */
  readonly cognitoDomain: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly identityProvider: string;
  /** Pre-fills the IdP's sign-in form; only pass an already-normalised address. */
  readonly loginHint?: string;
  readonly scopes?: readonly string[];
}

/**
 * Exactly the settings oidc-client-ts's `UserManager` takes (a subset of its
 * `UserManagerSettings`), so a browser passes them through unchanged: the code flow with
 * PKCE (S256, the library's default), `identity_provider` so Cognito goes straight to the
 * tenant's IdP, and Cognito's `/logout` as the end-session endpoint (Cognito's discovery
 * document lists none).
 */
export interface OidcClientSettings {
  /** Deployed: Cognito's issuer (`https://cognito-idp.<region>.amazonaws.com/<pool>`), whose discovery document the library reads. */
  readonly authority: string;
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly response_type: 'code';
  readonly scope: string;
  readonly extraQueryParams: Readonly<Record<string, string>>;
  readonly metadataSeed: { readonly end_session_endpoint: string };
}

/** The hosted UI origin: `https://<domain>`, or the `http(s)://` origin given (local stack). */
function hostedUiOrigin(cognitoDomain: string): string {
  return /^https?:\/\//.test(cognitoDomain) ? new URL(cognitoDomain).origin : `https://${cognitoDomain}`;
}

/**
 * Builds {@link OidcClientSettings}. On the local stack (`cognitoDomain` is an http(s)
 * origin) the authority is `<origin>/<userPoolId>`: the managed-login stand-in serves the
 * discovery document there, as Cognito serves it under its issuer.
 */
export function buildOidcSettings(input: OidcSettingsInput): OidcClientSettings {
  const origin = hostedUiOrigin(input.cognitoDomain);
  const local = /^https?:\/\//.test(input.cognitoDomain);
  return {
    authority: local
      ? `${origin}/${input.userPoolId}`
      : `https://cognito-idp.${input.region}.amazonaws.com/${input.userPoolId}`,
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    response_type: 'code',
    scope: (input.scopes ?? DEFAULT_SCOPES).join(' '),
    extraQueryParams: {
      identity_provider: input.identityProvider,
      ...(input.loginHint === undefined ? {} : { login_hint: input.loginHint }),
    },
    metadataSeed: { end_session_endpoint: `${origin}/logout` },
  };
}
