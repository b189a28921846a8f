/**
 * End to end through the local stack over HTTP: discovery of both patterns, sign-in
 * through cognito-local with pre-token-gen's claims, calls through the gateway and the
 * authorizer to the sample service, and cross-tenant attempts from the attacker's side.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwtPayload } from '../../scripts/local-stack/cognito-fixtures';
import { httpRequest } from '../local-stack/http';
import {
  type Discovery,
  discoverByEmail,
  discoverByHost,
  federatedUsername,
  signIn,
  type Tokens,
} from './http-flow';
import { startTestStack, type TestStack } from './local-stack';

let stack: TestStack;
let api: number;
const tokens = new Map<string, Tokens>();

/** `fetch` that sends requests "to" a tenant host while connecting to 127.0.0.1 (no DNS). */
const onHost =
  (host: string) =>
  async (url: string, init?: RequestInit): Promise<Response> => {
    const target = new URL(url);
    const res = await httpRequest({
      port: Number(target.port),
      host,
      method: init?.method ?? 'GET',
      path: target.pathname + target.search,
      headers: (init?.headers as Record<string, string>) ?? {},
      ...(init?.body === undefined ? {} : { body: String(init.body) }),
    });
    return new Response(res.status === 204 ? null : res.text, { status: res.status });
  };

const apiBase = () => `http://127.0.0.1:${api}`;

async function signInAs(email: string, discovery: Discovery): Promise<Tokens> {
  // Straight to cognito-local: discovery's cognitoDomain is the managed-login stand-in.
  const got = await signIn(
    fetch,
    stack.urls.cognito,
    discovery.clientId,
    federatedUsername(discovery.identityProvider, email),
    stack.password,
  );
  tokens.set(email, got);
  return got;
}

const call = (
  host: string,
  path: string,
  token: string | undefined,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) =>
  httpRequest({
    port: api,
    host,
    path,
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body ? { body: init.body } : {}),
  });

beforeAll(async () => {
  stack = await startTestStack();
  api = stack.ports.gateway;
}, 60_000);

afterAll(async () => {
  await stack?.dispose();
});

describe('discovery', () => {
  it('finds a dedicated tenant by the host the app is served on (GET /config)', async () => {
    const found = await discoverByHost(onHost('acme.localhost'), apiBase());
    expect(found).toMatchObject({
      tenantId: 'acme',
      identityProvider: 'AcmeOkta',
      // The hosted UI locally is the managed-login stand-in.
      cognitoDomain: stack.urls.login,
    });
    expect(found?.userPoolId).toBe(stack.pools.dedicatedPools.acme?.userPoolId);
    expect(found?.authorizeUrl).toContain('identity_provider=AcmeOkta');
  });

  it('answers unknown hosts and the shared app host with 404, identically', async () => {
    const a = await call('nobody.localhost', '/config', undefined);
    const b = await call('app.localhost', '/config', undefined);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.text).toBe(b.text);
  });

  it('finds a shared-pool tenant by email domain (POST /tenant-match)', async () => {
    const found = await discoverByEmail(onHost('app.localhost'), apiBase(), 'Hank@Globex.example');
    expect(found).toMatchObject({
      tenantId: 'globex',
      displayName: 'Globex',
      identityProvider: 'GlobexEntra',
    });
    expect(found.userPoolId).toBe(stack.pools.sharedPool?.userPoolId);
    expect(found.authorizeUrl).toContain('login_hint=hank%40globex.example');
  });

  it('answers unknown and look-alike email domains with the same 404', async () => {
    const bodies = await Promise.all(
      [
        'x@unknown.example',
        'x@globex.example.evil.test',
        'x@evilglobex.example',
        'a@globex.example@acme.example',
      ].map((email) =>
        call('app.localhost', '/tenant-match', undefined, {
          method: 'POST',
          body: JSON.stringify({ email }),
        }),
      ),
    );
    expect(bodies.slice(0, 3).map((b) => b.status)).toEqual([404, 404, 404]);
    expect(new Set(bodies.slice(0, 3).map((b) => b.text)).size).toBe(1);
    expect(bodies[3]?.status).toBe(400);
  });

  it('allows the sign-in page origins only (CORS)', async () => {
    const page = `http://acme.localhost:${stack.ports.web}`;
    const ok = await call('acme.localhost', '/config', undefined, { headers: { origin: page } });
    expect(ok.headers['access-control-allow-origin']).toBe(page);
    const evil = await call('acme.localhost', '/config', undefined, {
      headers: { origin: 'http://evil.localhost:1' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('sign-in through cognito-local with pre-token-gen', () => {
  it('issues a dedicated-pool user tokens with the tenant and the allowed groups only', async () => {
    const discovery = (await discoverByHost(onHost('acme.localhost'), apiBase()))!;
    const { idToken } = await signInAs('bob@acme.example', discovery);
    const claims = decodeJwtPayload(idToken);
    expect(claims.iss).toBe(`${stack.urls.cognito}/${discovery.userPoolId}`);
    expect(claims['custom:tenantName']).toBe('acme');
    expect(claims['custom:domainName']).toBe('acme.example');
    // `Payroll` is not in acme's allow list: pre-token-gen drops it.
    expect(claims['cognito:groups']).toEqual(['Readers']);
    await signInAs('alice@acme.example', discovery);
  });

  it('binds a shared-pool user to the tenant of the IdP that signed them in', async () => {
    const discovery = await discoverByEmail(onHost('app.localhost'), apiBase(), 'frank@globex.example');
    const { idToken } = await signInAs('frank@globex.example', discovery);
    const claims = decodeJwtPayload(idToken);
    expect(claims['custom:tenantName']).toBe('globex');
    expect(claims['cognito:groups']).toEqual(['sg-app-users']);
    await signInAs('hank@globex.example', discovery);
    const initech = (await discoverByHost(onHost('initech.localhost'), apiBase()))!;
    await signInAs('milton@initech.example', initech);
  });

  it('refuses a wrong password', async () => {
    const discovery = (await discoverByHost(onHost('acme.localhost'), apiBase()))!;
    const username = federatedUsername(discovery.identityProvider, 'alice@acme.example');
    await expect(
      signIn(fetch, stack.urls.cognito, discovery.clientId, username, 'wrong-password'),
    ).rejects.toThrow('Wrong email or password.');
  });
});

describe('authorized calls reach the sample service with the right tenant', () => {
  it("serves a dedicated tenant's user on their tenant host", async () => {
    const res = await call('acme.localhost', '/items', tokens.get('alice@acme.example')!.idToken);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tenantId: 'acme',
      isAdmin: true,
      user: { username: 'AcmeOkta_alice@acme.example', groups: ['Admins', 'Readers'] },
    });
  });

  it('accepts the access token too, with the tenant bound by its pool', async () => {
    const res = await call('acme.localhost', '/whoami', tokens.get('bob@acme.example')!.accessToken);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ tenantId: 'acme', tokenUse: 'access' });
  });

  it("serves a shared-pool user on the shared app host with their IdP's tenant", async () => {
    const res = await call('app.localhost', '/items', tokens.get('hank@globex.example')!.idToken);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ tenantId: 'globex', isAdmin: true });
    expect(res.text).not.toContain('Acme');
  });

  it("keeps API Gateway's authorizer result cache per token and host", async () => {
    const token = tokens.get('bob@acme.example')!.idToken;
    await call('acme.localhost', '/items', token);
    await call('acme.localhost', '/whoami', token);
    await call('initech.localhost', '/items', token);
    const [first, second, otherHost] = stack.recentRequests().slice(-3);
    expect(second).toMatchObject({ path: '/whoami', status: 200, authorizer: 'cached' });
    expect(first?.authorizer).toMatch(/invoked|cached/);
    expect(otherHost).toMatchObject({ host: 'initech.localhost', status: 403, authorizer: 'invoked' });
  });

  it("lets the tenant's admin add an item that only that tenant sees", async () => {
    const added = await call('acme.localhost', '/items', tokens.get('alice@acme.example')!.idToken, {
      method: 'POST',
      body: JSON.stringify({ text: 'quarterly plan' }),
    });
    expect(added.status).toBe(201);
    const bob = await call('acme.localhost', '/items', tokens.get('bob@acme.example')!.idToken);
    expect(bob.text).toContain('quarterly plan');
    const globex = await call('app.localhost', '/items', tokens.get('frank@globex.example')!.idToken);
    expect(globex.text).not.toContain('quarterly plan');
  });
});

describe('cross-tenant attempts are denied', () => {
  it("denies another tenant's token on this tenant's host (403)", async () => {
    const acmeOnInitech = await call(
      'initech.localhost',
      '/items',
      tokens.get('alice@acme.example')!.idToken,
    );
    expect(acmeOnInitech.status).toBe(403);
    const globexOnAcme = await call('acme.localhost', '/items', tokens.get('hank@globex.example')!.idToken);
    expect(globexOnAcme.status).toBe(403);
    expect(globexOnAcme.text).not.toContain('quarterly plan');
  });

  it("refuses another tenant's data, by path or by a forged tenant header", async () => {
    const alice = tokens.get('alice@acme.example')!.idToken;
    const byPath = await call('acme.localhost', '/tenants/initech/items', alice);
    expect(byPath.status).toBe(403);
    const forged = await call('acme.localhost', '/items', alice, {
      headers: { 'x-tenant-id': 'initech', 'x-user-groups': '["app-admins"]' },
    });
    expect(forged.json).toMatchObject({ tenantId: 'acme' });
    expect(forged.text).not.toContain('Initech');
  });

  it('refuses a write by a member who is not in the admin group', async () => {
    const bob = await call('acme.localhost', '/items', tokens.get('bob@acme.example')!.idToken, {
      method: 'POST',
      body: JSON.stringify({ text: 'x' }),
    });
    expect(bob.status).toBe(403);
    const frank = await call('app.localhost', '/items', tokens.get('frank@globex.example')!.idToken, {
      method: 'POST',
      body: JSON.stringify({ text: 'x' }),
    });
    expect(frank.status).toBe(403);
  });

  it('answers 401 without a token, with a forged token, and with a token whose signature was altered', async () => {
    expect((await call('acme.localhost', '/items', undefined)).status).toBe(401);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ ...decodeJwtPayload(tokens.get('alice@acme.example')!.idToken) }),
    ).toString('base64url');
    expect((await call('acme.localhost', '/items', `${header}.${claims}.`)).status).toBe(401);
    const [h, p, s] = tokens.get('milton@initech.example')!.idToken.split('.') as [string, string, string];
    const tampered = Buffer.from(
      JSON.stringify({ ...decodeJwtPayload(`${h}.${p}.${s}`), 'cognito:groups': ['app-admins'] }),
    ).toString('base64url');
    expect((await call('initech.localhost', '/items', `${h}.${tampered}.${s}`)).status).toBe(401);
  });

  it('keeps the service out of reach without the gateway', async () => {
    const direct = await httpRequest({
      port: stack.ports.service,
      path: '/items',
      headers: {
        'x-tenant-id': 'acme',
        'x-user-sub': 's',
        'x-username': 'u',
        'x-user-groups': '["Admins"]',
        'x-token-use': 'id',
        'x-client-id': 'c',
      },
    });
    expect(direct.status).toBe(403);
  });
});
