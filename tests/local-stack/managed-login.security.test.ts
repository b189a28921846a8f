/**
 * The managed-login stand-in from the attacker's side: unknown clients and redirect URIs are
 * never redirected to, PKCE is required and verified, codes are one-time and bound to the
 * client, the redirect URI and the challenge, and sign-out only returns to registered URLs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import type { AppClient } from '@cognito-tenancy/local-stack/managed-login/app-clients';
import { CODE_TTL_MS, verifiesS256 } from '@cognito-tenancy/local-stack/managed-login/codes';
import {
  createManagedLogin,
  type PasswordTokens,
  WrongCredentialsError,
} from '@cognito-tenancy/local-stack/managed-login/managed-login';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpRequest } from './http';

const APP = 'http://acme.localhost:4000/callback';
const acme: AppClient = {
  clientId: 'acmeclient',
  userPoolId: 'local_Acme1234',
  idps: [{ tenantId: 'acme', name: 'AcmeOkta', emailDomains: ['acme.example'] }],
  callbackUrls: new Set([APP]),
  logoutUrls: new Set(['http://acme.localhost:4000/']),
};
const shared: AppClient = {
  clientId: 'sharedclient',
  userPoolId: 'local_Shared12',
  idps: [
    { tenantId: 'globex', name: 'GlobexEntra', emailDomains: ['globex.example'] },
    { tenantId: 'umbrella', name: 'UmbrellaGoogle', emailDomains: ['umbrella.example'] },
  ],
  callbackUrls: new Set(['http://app.localhost:4000/callback']),
  logoutUrls: new Set(['http://app.localhost:4000/']),
};

let server: Server;
let port: number;
let clock = 1_000_000;
const signIns: string[] = [];

beforeAll(async () => {
  const handle = createManagedLogin({
    origin: () => `http://login.localhost:${port}`,
    cognitoEndpoint: 'http://127.0.0.1:9229',
    clients: () => new Map([acme, shared].map((c) => [c.clientId, c])),
    now: () => clock,
    passwordSignIn: async (_clientId, username, password): Promise<PasswordTokens> => {
      signIns.push(username);
      if (password !== 'right') throw new WrongCredentialsError('wrong');
      return { idToken: `id-token-of-${username}`, accessToken: 'cognito-local-access', expiresIn: 3600 };
    },
  });
  server = createServer((req, res) => void handle(req, res));
  port = await listen(server, 0);
});

afterAll(() => close(server));

const get = (path: string) => httpRequest({ port, host: 'login.localhost', path });
const post = (path: string, form: Record<string, string>) =>
  httpRequest({
    port,
    host: 'login.localhost',
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://acme.localhost:4000' },
    body: new URLSearchParams(form).toString(),
  });

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeQuery(
  overrides: Record<string, string | undefined> = {},
  challenge = pkce().challenge,
): string {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'acmeclient',
    redirect_uri: APP,
    scope: 'openid email profile',
    state: 'st4te',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    identity_provider: 'AcmeOkta',
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  return `/oauth2/authorize?${query}`;
}

/** Authorize + password: the one-time code on the redirect. */
async function codeFor(
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): Promise<string> {
  const page = await get(authorizeQuery(overrides, challenge));
  expect(page.status).toBe(200);
  const transaction = /name="transaction" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const login = await post('/login', { transaction, username: 'Alice@acme.example', password: 'right' });
  expect(login.status).toBe(302);
  const location = new URL(String(login.headers.location));
  expect(location.origin + location.pathname).toBe(overrides.redirect_uri ?? APP);
  return location.searchParams.get('code') ?? '';
}

const exchange = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
  post('/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    client_id: 'acmeclient',
    redirect_uri: APP,
    code_verifier: verifier,
    ...overrides,
  });

describe('managed-login stand-in: authorize', () => {
  it('shows the labelled password form for a valid request and signs in as <IdP>_<email>', async () => {
    const page = await get(authorizeQuery({ login_hint: 'alice@acme.example' }));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Local stand-in.');
    expect(page.text).toContain('value="alice@acme.example"');
    expect(page.headers['content-security-policy']).toContain(
      "form-action 'self' http://acme.localhost:4000",
    );
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect(signIns.at(-1)).toBe('AcmeOkta_alice@acme.example');
    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(200);
    // cognito-local's ID token is the API token locally (pre-token-gen's claims are only there).
    expect(tokens.json).toEqual({
      id_token: 'id-token-of-AcmeOkta_alice@acme.example',
      access_token: 'id-token-of-AcmeOkta_alice@acme.example',
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(tokens.headers['access-control-allow-origin']).toBe('http://acme.localhost:4000');
  });

  it('never redirects to an unknown client or an unregistered redirect URI', async () => {
    for (const overrides of [
      { client_id: 'nope' },
      { client_id: undefined },
      { redirect_uri: 'https://evil.example/callback' },
      { redirect_uri: `${APP}/../evil` },
      { redirect_uri: 'http://app.localhost:4000/callback' }, // another client's callback
    ]) {
      const page = await get(authorizeQuery(overrides));
      expect(page.status).toBe(400);
      expect(page.headers.location).toBeUndefined();
    }
  });

  it('requires the code flow with an S256 challenge (errors go to the verified redirect URI)', async () => {
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: undefined }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: 'short' }, 'invalid_request'],
      [{ scope: 'openid aws.cognito.signin.user.admin' }, 'invalid_scope'],
    ];
    for (const [overrides, error] of cases) {
      const answer = await get(authorizeQuery(overrides));
      expect(answer.status).toBe(302);
      const location = new URL(String(answer.headers.location));
      expect(location.origin + location.pathname).toBe(APP);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('st4te');
    }
  });

  it('refuses a repeated state instead of signing in without one', async () => {
    const answer = await get(`${authorizeQuery()}&state=other`);
    expect(answer.status).toBe(302);
    const location = new URL(String(answer.headers.location));
    expect(location.origin + location.pathname).toBe(APP);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.getAll('state')).toEqual([]);
  });

  it('routes idp_identifier by email domain and refuses an IdP of no tenant of the client', async () => {
    const shared = { client_id: 'sharedclient', redirect_uri: 'http://app.localhost:4000/callback' };
    const byDomain = await get(
      authorizeQuery({ ...shared, identity_provider: undefined, idp_identifier: 'umbrella.example' }),
    );
    expect(byDomain.text).toContain('Sign in with UmbrellaGoogle');
    expect((await get(authorizeQuery({ ...shared, identity_provider: 'AcmeOkta' }))).status).toBe(400);
    expect((await get(authorizeQuery({ ...shared, identity_provider: undefined }))).status).toBe(400);
  });

  it('escapes what it echoes into the form', async () => {
    const page = await get(authorizeQuery({ login_hint: '"><script>alert(1)</script>' }));
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('answers a wrong password on the form, with no code, and keeps the sign-in open', async () => {
    const page = await get(authorizeQuery());
    const transaction = /name="transaction" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const wrong = await post('/login', { transaction, username: 'alice@acme.example', password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.location).toBeUndefined();
    expect(wrong.text).toContain('No AcmeOkta account matches this email and password.');
    const right = await post('/login', { transaction, username: 'alice@acme.example', password: 'right' });
    expect(right.status).toBe(302);
    // A finished sign-in cannot be replayed.
    expect(
      (await post('/login', { transaction, username: 'alice@acme.example', password: 'right' })).status,
    ).toBe(400);
  });

  it('refuses a forged transaction and an oversized form', async () => {
    expect(
      (await post('/login', { transaction: 'forged', username: 'a@acme.example', password: 'right' })).status,
    ).toBe(400);
    const big = await post('/login', { transaction: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
  });
});

describe('managed-login stand-in: token', () => {
  it('burns a code on a wrong verifier: the right one cannot use it afterwards', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const wrong = await exchange(code, pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ error: 'invalid_grant' });
    expect((await exchange(code, verifier)).json).toEqual({ error: 'invalid_grant' });
  });

  it('binds the code to its client and redirect URI, and to one use', async () => {
    const first = pkce();
    const code = await codeFor(first.challenge);
    expect((await exchange(code, first.verifier, { client_id: 'sharedclient' })).json).toEqual({
      error: 'invalid_client',
    });
    const second = pkce();
    const code2 = await codeFor(second.challenge);
    expect(
      (await exchange(code2, second.verifier, { redirect_uri: 'http://acme.localhost:4000/other' })).json,
    ).toEqual({
      error: 'invalid_grant',
    });
    const third = pkce();
    const code3 = await codeFor(third.challenge);
    expect((await exchange(code3, third.verifier)).status).toBe(200);
    expect((await exchange(code3, third.verifier)).json).toEqual({ error: 'invalid_grant' });
  });

  it('refuses an expired code, other grant types and missing fields', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    clock += CODE_TTL_MS + 1;
    expect((await exchange(code, verifier)).json).toEqual({ error: 'invalid_grant' });
    expect((await exchange('x', verifier, { grant_type: 'client_credentials' })).json).toEqual({
      error: 'unsupported_grant_type',
    });
    expect((await post('/oauth2/token', { grant_type: 'authorization_code' })).json).toEqual({
      error: 'invalid_request',
    });
  });

  it('verifies S256 as RFC 7636 appendix B does, and refuses malformed verifiers', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(verifiesS256(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(true);
    expect(verifiesS256(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN')).toBe(false);
    expect(verifiesS256('short', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
  });
});

describe('managed-login stand-in: discovery and logout', () => {
  it("serves the discovery document of a known pool, with cognito-local's issuer", async () => {
    const doc = await get('/local_Acme1234/.well-known/openid-configuration');
    expect(doc.status).toBe(200);
    expect(doc.json).toMatchObject({
      issuer: 'http://127.0.0.1:9229/local_Acme1234',
      authorization_endpoint: `http://login.localhost:${port}/oauth2/authorize`,
      token_endpoint: `http://login.localhost:${port}/oauth2/token`,
      end_session_endpoint: `http://login.localhost:${port}/logout`,
      code_challenge_methods_supported: ['S256'],
    });
    expect((await get('/local_Other999/.well-known/openid-configuration')).status).toBe(404);
  });

  it('returns to a registered sign-out URL only', async () => {
    const ok = await get(
      `/logout?client_id=acmeclient&logout_uri=${encodeURIComponent('http://acme.localhost:4000/')}`,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('http://acme.localhost:4000/');
    const evil = await get(
      `/logout?client_id=acmeclient&logout_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.location).toBeUndefined();
  });
});
