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
