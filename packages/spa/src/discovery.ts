/**
 * Tenant discovery, free of the DOM: by the page's host (`GET /config`) or by the typed
 * email (`POST /tenant-match`). Both answers carry `oidc`, exactly the settings
 * oidc-client-ts's `UserManager` takes; they are checked here before anything uses them.
 */

/** The subset of oidc-client-ts `UserManagerSettings` that discovery answers carry. */
export interface OidcSettings {
  readonly authority: string;
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly response_type: 'code';
  readonly scope: string;
  readonly extraQueryParams: Readonly<Record<string, string>>;
  readonly metadataSeed: { readonly end_session_endpoint: string };
}

/** A tenant found by discovery. */
export interface DiscoveredTenant {
  readonly source: 'host' | 'email';
  readonly tenantId: string;
  readonly displayName: string;
  readonly identityProvider: string;
  readonly oidc: OidcSettings;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export type DiscoveryFailure =
  | 'unknown-domain'
  | 'invalid-email'
  | 'unreachable'
  | 'unavailable'
  | 'malformed';

/** Discovery failed; `message` is fit to show. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
  constructor(
    readonly reason: DiscoveryFailure,
    message: string,
  ) {
    super(message);
  }
}

type Fields = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(fields: Fields, name: string, max = 2048): string {
  const value = fields[name];
  if (typeof value !== 'string' || value === '' || value.length > max) {
    throw new DiscoveryError('malformed', `The discovery answer lacks a valid ${name}.`);
  }
  return value;
}

function webUrl(fields: Fields, name: string): string {
  const value = text(fields, name);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DiscoveryError('malformed', `The discovery answer's ${name} is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DiscoveryError('malformed', `The discovery answer's ${name} is not an http(s) URL.`);
  }
  return value;
}

function parseOidc(value: unknown): OidcSettings {
  if (!isObject(value)) throw new DiscoveryError('malformed', 'The discovery answer lacks oidc settings.');
  if (value.response_type !== 'code') {
    throw new DiscoveryError('malformed', 'The discovery answer does not use the code flow.');
  }
  const extra = value.extraQueryParams;
  if (!isObject(extra) || !Object.values(extra).every((v) => typeof v === 'string')) {
    throw new DiscoveryError('malformed', 'The discovery answer lacks valid extraQueryParams.');
  }
  if (!isObject(value.metadataSeed)) {
    throw new DiscoveryError('malformed', 'The discovery answer lacks metadataSeed.');
  }
  return {
    authority: webUrl(value, 'authority'),
    client_id: text(value, 'client_id', 128),
    redirect_uri: webUrl(value, 'redirect_uri'),
    response_type: 'code',
    scope: text(value, 'scope'),
    extraQueryParams: { ...(extra as Record<string, string>) },
    metadataSeed: { end_session_endpoint: webUrl(value.metadataSeed, 'end_session_endpoint') },
  };
}

/** Checks a discovery answer; only the fields the app uses are kept. */
export function parseDiscovery(source: DiscoveredTenant['source'], body: unknown): DiscoveredTenant {
  if (!isObject(body)) throw new DiscoveryError('malformed', 'The discovery answer is not an object.');
  const tenantId = text(body, 'tenantId', 64);
  return {
    source,
    tenantId,
    displayName:
      typeof body.displayName === 'string' && body.displayName !== '' ? body.displayName : tenantId,
    identityProvider: text(body, 'identityProvider', 128),
    oidc: parseOidc(body.oidc),
  };
}

async function request(fetcher: Fetch, url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetcher(url, init);
  } catch {
    // A network error says nothing useful ("Failed to fetch"): name what could not be reached.
    throw new DiscoveryError('unreachable', 'The sign-in service cannot be reached. Try again in a moment.');
  }
}

async function body(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new DiscoveryError('malformed', `The discovery answer (${response.status}) is not JSON.`);
  }
}

/** `GET /config` on the page's own host: the tenant served here, or undefined when none is. */
export async function discoverByHost(fetcher: Fetch): Promise<DiscoveredTenant | undefined> {
  const response = await request(fetcher, '/config', { headers: { accept: 'application/json' } });
  // config-resolver answers an unknown (or platform) host with 404, a malformed one with 400.
  if (response.status === 404 || response.status === 400) return undefined;
  if (!response.ok) {
    throw new DiscoveryError(
      'unavailable',
      `Tenant discovery is unavailable (GET /config answered ${response.status}).`,
    );
  }
  return parseDiscovery('host', await body(response));
}

/** `POST /tenant-match`: the tenant that signs in with this email's domain. */
export async function discoverByEmail(fetcher: Fetch, email: string): Promise<DiscoveredTenant> {
  const response = await request(fetcher, '/tenant-match', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: email.trim() }),
  });
  if (response.status === 404) {
    throw new DiscoveryError('unknown-domain', 'No organisation signs in with this email domain.');
  }
  if (response.status === 400) {
    throw new DiscoveryError('invalid-email', 'That does not look like a work email address.');
  }
  if (!response.ok) {
    throw new DiscoveryError(
      'unavailable',
      `Tenant discovery is unavailable (POST /tenant-match answered ${response.status}).`,
    );
  }
  return parseDiscovery('email', await body(response));
}

/** Where a tenant's app lives: the origin of its redirect URI. */
export function appOrigin(tenant: DiscoveredTenant): string {
  return new URL(tenant.oidc.redirect_uri).origin;
}
