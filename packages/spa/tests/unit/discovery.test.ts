import { describe, expect, it } from '@jest/globals';
import {
  appOrigin,
  DiscoveryError,
  discoverByEmail,
  discoverByHost,
  parseDiscovery,
} from '../../src/discovery';

const oidc = {
  authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
  client_id: 'client123',
  redirect_uri: 'https://acme.app.example.com/callback',
  response_type: 'code',
  scope: 'openid email profile',
  extraQueryParams: { identity_provider: 'AcmeOkta' },
  metadataSeed: { end_session_endpoint: 'https://acme.auth.eu-west-1.amazoncognito.com/logout' },
};
const answer = { tenantId: 'acme', displayName: 'Acme Corporation', identityProvider: 'AcmeOkta', oidc };

function fetcher(status: number, body: unknown, calls: Array<[string, RequestInit | undefined]> = []) {
  return async (url: string, init?: RequestInit) => {
    calls.push([url, init]);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
}

describe('parseDiscovery', () => {
  it('keeps the oidc settings exactly as the discovery answer gives them', () => {
    expect(parseDiscovery('host', { ...answer, extra: 'dropped' })).toEqual({ source: 'host', ...answer });
  });

  it('shows the tenant id when the answer has no display name', () => {
    const { displayName: _none, ...rest } = answer;
    expect(parseDiscovery('email', rest).displayName).toBe('acme');
  });

  it.each([
    ['a non-code flow', { ...answer, oidc: { ...oidc, response_type: 'token' } }, 'code flow'],
    [
      'a javascript: authority',
      { ...answer, oidc: { ...oidc, authority: 'javascript:alert(1)' } },
      'authority',
    ],
    [
      'a redirect URI that is no URL',
      { ...answer, oidc: { ...oidc, redirect_uri: 'not a url' } },
      'redirect_uri',
    ],
    ['no oidc settings', { ...answer, oidc: undefined }, 'oidc settings'],
    [
      'a non-string extra parameter',
      { ...answer, oidc: { ...oidc, extraQueryParams: { a: 1 } } },
      'extraQueryParams',
    ],
    ['no tenant id', { ...answer, tenantId: '' }, 'tenantId'],
    ['an oversized tenant id', { ...answer, tenantId: 'x'.repeat(65) }, 'tenantId'],
    ['an array', [answer], 'not an object'],
  ])('refuses an answer with %s', (_what, body, message) => {
    expect(() => parseDiscovery('host', body)).toThrow(DiscoveryError);
    expect(() => parseDiscovery('host', body)).toThrow(message);
  });
});

describe('discoverByHost', () => {
  it('asks GET /config on the same origin and returns the tenant', async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    expect(await discoverByHost(fetcher(200, answer, calls))).toMatchObject({
      tenantId: 'acme',
      source: 'host',
    });
    expect(calls[0]?.[0]).toBe('/config');
  });

  it('returns undefined for a host no tenant is served on (404) or a malformed host (400)', async () => {
    expect(await discoverByHost(fetcher(404, { message: 'Not Found' }))).toBeUndefined();
    expect(await discoverByHost(fetcher(400, { message: 'Bad Request' }))).toBeUndefined();
  });

  it('names the service instead of "Failed to fetch" when the network fails', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(discoverByHost(offline)).rejects.toMatchObject({ reason: 'unreachable' });
    await expect(discoverByHost(offline)).rejects.toThrow('cannot be reached');
  });

  it('reports a failing resolver with its status, and a non-JSON answer as malformed', async () => {
    await expect(discoverByHost(fetcher(503, {}))).rejects.toThrow('GET /config answered 503');
    await expect(discoverByHost(fetcher(200, '<html>'))).rejects.toMatchObject({ reason: 'malformed' });
  });
});

describe('discoverByEmail', () => {
  it('posts the trimmed email to /tenant-match', async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    const tenant = await discoverByEmail(fetcher(200, answer, calls), '  bob@acme.example ');
    expect(tenant.source).toBe('email');
    expect(calls[0]?.[0]).toBe('/tenant-match');
    expect(calls[0]?.[1]?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.[1]?.body))).toEqual({ email: 'bob@acme.example' });
  });

  it('tells an unknown domain from an invalid address', async () => {
    await expect(discoverByEmail(fetcher(404, {}), 'x@nowhere.example')).rejects.toMatchObject({
      reason: 'unknown-domain',
    });
    await expect(discoverByEmail(fetcher(400, {}), 'nope')).rejects.toMatchObject({
      reason: 'invalid-email',
    });
  });
});

describe('appOrigin', () => {
  it("is the origin of the tenant's redirect URI", () => {
    expect(appOrigin(parseDiscovery('email', answer))).toBe('https://acme.app.example.com');
  });
});
