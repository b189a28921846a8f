/**
 * HTTP steps the end-to-end tests take without a browser: discovery by host (`GET /config`)
 * or by email (`POST /tenant-match`), a password sign-in straight against cognito-local
 * (`InitiateAuth`, as the managed-login stand-in does for the browser), and calls to the
 * API with the token. The browser path (the SPA and the stand-in) is tests/browser.
 */

/** What the page learns from discovery: the fields both endpoints share. */
export interface Discovery {
  readonly source: 'host' | 'email';
  readonly tenantId: string;
  readonly displayName?: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly identityProvider: string;
  /** The Cognito endpoint (cognito-local's `http://127.0.0.1:<port>` on the local stack). */
  readonly cognitoDomain: string;
  readonly authorizeUrl?: string;
}

export interface Tokens {
  readonly accessToken: string;
  readonly idToken: string;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A step failed; `message` is fit to show on the page. */
export class FlowError extends Error {
  override readonly name = 'FlowError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

async function json(response: Response): Promise<Record<string, unknown>> {
  try {
    const value = (await response.json()) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function discovery(source: Discovery['source'], body: Record<string, unknown>): Discovery {
  const text = (name: string): string => {
    const value = body[name];
    if (typeof value !== 'string' || value === '') throw new FlowError(`discovery answer lacks ${name}`);
    return value;
  };
  return {
    source,
    tenantId: text('tenantId'),
    ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
    userPoolId: text('userPoolId'),
    clientId: text('clientId'),
    identityProvider: text('identityProvider'),
    cognitoDomain: text('cognitoDomain'),
    ...(typeof body.authorizeUrl === 'string' ? { authorizeUrl: body.authorizeUrl } : {}),
  };
}

/** `GET /config` on the page's host: the tenant when the host is a tenant host, else undefined. */
export async function discoverByHost(fetcher: Fetch, apiBase: string): Promise<Discovery | undefined> {
  const response = await fetcher(`${apiBase}/config`);
  if (response.status === 404 || response.status === 400) return undefined;
  if (!response.ok) throw new FlowError(`GET /config answered ${response.status}`, response.status);
  return discovery('host', await json(response));
}

/** `POST /tenant-match` with the email: the tenant and IdP of its domain. */
export async function discoverByEmail(fetcher: Fetch, apiBase: string, email: string): Promise<Discovery> {
  const response = await fetcher(`${apiBase}/tenant-match`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (response.status === 404) throw new FlowError('No organisation signs in with this email domain.', 404);
  if (response.status === 400) throw new FlowError('That does not look like an email address.', 400);
  if (!response.ok) throw new FlowError(`POST /tenant-match answered ${response.status}`, response.status);
  return discovery('email', await json(response));
}

/** The Cognito username of a federated user: `<IdP name>_<user id at the IdP>` (here the email). */
export function federatedUsername(identityProvider: string, email: string): string {
  return `${identityProvider}_${email.trim().toLowerCase()}`;
}

/** `InitiateAuth` with USER_PASSWORD_AUTH against the pool's Cognito endpoint. */
export async function signIn(
  fetcher: Fetch,
  cognitoEndpoint: string,
  clientId: string,
  username: string,
  password: string,
): Promise<Tokens> {
  const response = await fetcher(`${cognitoEndpoint.replace(/\/$/, '')}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  });
  const body = await json(response);
  if (!response.ok) {
    const code = String(body.code ?? body.__type ?? 'error');
    // Cognito says NotAuthorized; cognito-local says InvalidPassword for a wrong password.
    const known = /NotAuthorized|UserNotFound|InvalidPassword/.test(code);
    throw new FlowError(known ? 'Wrong email or password.' : `Sign-in failed (${code}).`, response.status);
  }
  const result = body.AuthenticationResult as Record<string, unknown> | undefined;
  if (typeof result?.AccessToken !== 'string' || typeof result.IdToken !== 'string') {
    throw new FlowError(
      `Sign-in needs a step this page does not support (${String(body.ChallengeName ?? 'none')}).`,
    );
  }
  return { accessToken: result.AccessToken, idToken: result.IdToken };
}

/** Decodes a JWT's payload for display only; the API never trusts what the page decodes. */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) return {};
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const text = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An API call with the bearer token; returns the status and the parsed body. */
export async function callApi(
  fetcher: Fetch,
  apiBase: string,
  token: string,
  path: string,
  init: { readonly method?: string; readonly body?: unknown } = {},
): Promise<{ readonly status: number; readonly body: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetcher(`${apiBase}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: await json(response) };
}
