/**
 * End to end through the local stack over HTTP: discovery of both patterns, sign-in
 * through cognito-local with pre-token-gen's claims, calls through the twin gateway and the
 * authorizer to the pets Lambda (the demo names no serviceUrl, so `{proxy+}` is AWS_PROXY as
 * in AWS), every route of the route table, and cross-tenant attempts from the attacker's side.
 */

import { decodeJwtPayload } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { ROUTES } from '@cognito-tenancy/registry/routes';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
    expect(found.userPoolId).toBe(stack.pools.sharedPools?.['shared-00']?.userPoolId);
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

type PetList = { pets: Array<{ id: string; name: string }>; truncated: boolean };
const petNames = (res: { json: unknown }) => (res.json as PetList).pets.map((p) => p.name);
let acmePetId = '';

describe('authorized calls reach the pets Lambda with the right tenant', () => {
  it("serves a dedicated tenant's user on their tenant host", async () => {
    const res = await call('acme.localhost', '/pets', tokens.get('alice@acme.example')!.idToken);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ pets: expect.any(Array), truncated: false });
  });

  it('accepts the access token too, with the tenant bound by its pool', async () => {
    const res = await call('acme.localhost', '/pets', tokens.get('bob@acme.example')!.accessToken);
    expect(res.status).toBe(200);
  });

  it("serves a shared-pool user on the shared app host with their IdP's tenant", async () => {
    const res = await call('app.localhost', '/pets', tokens.get('hank@globex.example')!.idToken);
    expect(res.status).toBe(200);
  });

  it("keeps API Gateway's authorizer result cache per token and host", async () => {
    const token = tokens.get('bob@acme.example')!.idToken;
    await call('acme.localhost', '/pets', token);
    await call('acme.localhost', '/pets/00000000-0000-4000-8000-000000000000', token);
    await call('initech.localhost', '/pets', token);
    const [first, second, otherHost] = stack.recentRequests().slice(-3);
    expect(second).toMatchObject({
      path: '/pets/00000000-0000-4000-8000-000000000000',
      status: 404,
      authorizer: 'cached',
    });
    expect(first?.authorizer).toMatch(/invoked|cached/);
    expect(otherHost).toMatchObject({ host: 'initech.localhost', status: 403, authorizer: 'invoked' });
  });

  it("lets the tenant's admin add a pet that only that tenant sees", async () => {
    const added = await call('acme.localhost', '/pets', tokens.get('alice@acme.example')!.idToken, {
      method: 'POST',
      body: JSON.stringify({ name: 'Quarterly Rex', species: 'dog' }),
    });
    expect(added.status).toBe(201);
    acmePetId = (added.json as { id: string }).id;
    const bob = await call('acme.localhost', '/pets', tokens.get('bob@acme.example')!.idToken);
    expect(petNames(bob)).toContain('Quarterly Rex');
    const globex = await call('app.localhost', '/pets', tokens.get('frank@globex.example')!.idToken);
    expect(petNames(globex)).not.toContain('Quarterly Rex');
  });
});

describe('every route of the route table answers through the twin', () => {
  // Today's statuses, one call per route: a wrong Lambda permission would make any of them 500.
  const expected: Record<string, () => Promise<number>> = {
    'GET /config': async () => (await call('acme.localhost', '/config', undefined)).status,
    'POST /tenant-match': async () =>
      (
        await call('app.localhost', '/tenant-match', undefined, {
          method: 'POST',
          body: '{"email":"x@globex.example"}',
        })
      ).status,
    // A member is not an admin: sign-out itself answers 403 (so the Lambda was invoked).
    'POST /admin/users/{sub}/sign-out': async () =>
      (
        await call(
          'acme.localhost',
          '/admin/users/00000000-0000-0000-0000-000000000000/sign-out',
          tokens.get('bob@acme.example')!.idToken,
          {
            method: 'POST',
          },
        )
      ).status,
    'ANY /{proxy+}': async () =>
      (await call('acme.localhost', '/pets', tokens.get('bob@acme.example')!.idToken)).status,
  };
  const statuses: Record<string, number> = {
    'GET /config': 200,
    'POST /tenant-match': 200,
    'POST /admin/users/{sub}/sign-out': 403,
    'ANY /{proxy+}': 200,
  };

  it.each(ROUTES.map((r) => `${r.method} ${r.path}`))('%s', async (route) => {
    expect(expected[route]).toBeDefined();
    expect(await expected[route]!()).toBe(statuses[route]);
  });
});

describe('cross-tenant attempts are denied', () => {
  it("denies another tenant's token on this tenant's host (403)", async () => {
    const acmeOnInitech = await call('initech.localhost', '/pets', tokens.get('alice@acme.example')!.idToken);
    expect(acmeOnInitech.status).toBe(403);
    const globexOnAcme = await call('acme.localhost', '/pets', tokens.get('hank@globex.example')!.idToken);
    expect(globexOnAcme.status).toBe(403);
    expect(globexOnAcme.text).not.toContain('Quarterly Rex');
  });

  it("refuses another tenant's data, by id or by a forged tenant header", async () => {
    const hank = tokens.get('hank@globex.example')!.idToken;
    const byId = await call('app.localhost', `/pets/${acmePetId}`, hank);
    expect(byId.status).toBe(404);
    const forged = await call('app.localhost', '/pets', hank, {
      headers: { 'x-tenant-id': 'acme', X_Tenant_Id: 'acme', 'x-user-groups': '["Admins"]' },
    });
    expect(forged.status).toBe(200);
    expect(petNames(forged)).not.toContain('Quarterly Rex');
  });

  it('refuses a write by a member who is not in the admin group', async () => {
    const bob = await call('acme.localhost', '/pets', tokens.get('bob@acme.example')!.idToken, {
      method: 'POST',
      body: JSON.stringify({ name: 'x' }),
    });
    expect(bob.status).toBe(403);
    const frank = await call('app.localhost', '/pets', tokens.get('frank@globex.example')!.idToken, {
      method: 'POST',
      body: JSON.stringify({ name: 'x' }),
    });
    expect(frank.status).toBe(403);
  });

  it('answers 401 without a token, with a forged token, and with a token whose signature was altered', async () => {
    expect((await call('acme.localhost', '/pets', undefined)).status).toBe(401);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ ...decodeJwtPayload(tokens.get('alice@acme.example')!.idToken) }),
    ).toString('base64url');
    expect((await call('acme.localhost', '/pets', `${header}.${claims}.`)).status).toBe(401);
    const [h, p, s] = tokens.get('milton@initech.example')!.idToken.split('.') as [string, string, string];
    const tampered = Buffer.from(
      JSON.stringify({ ...decodeJwtPayload(`${h}.${p}.${s}`), 'cognito:groups': ['app-admins'] }),
    ).toString('base64url');
    expect((await call('initech.localhost', '/pets', `${h}.${tampered}.${s}`)).status).toBe(401);
  });

  it('refuses duplicate Authorization headers, cached or not (#19.3)', async () => {
    const alice = tokens.get('alice@acme.example')!.idToken;
    expect((await call('acme.localhost', '/pets', alice)).status).toBe(200);
    const twice = await httpRequest({
      port: api,
      host: 'acme.localhost',
      path: '/pets',
      headers: { authorization: [`Bearer ${alice}`, `Bearer ${tokens.get('bob@acme.example')!.idToken}`] },
    });
    expect(twice.status).toBe(401);
  });

  it('never lets a path reach another host: //127.0.0.1:<ssm port>/ stays with the pets Lambda (#19.1)', async () => {
    const ssmPort = new URL(stack.urls.ssm).port;
    const res = await httpRequest({
      port: api,
      host: 'acme.localhost',
      method: 'POST',
      path: `//127.0.0.1:${ssmPort}/`,
      headers: {
        authorization: `Bearer ${tokens.get('alice@acme.example')!.idToken}`,
        'x-amz-target': 'AmazonSSM.PutParameter',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({
        Name: '/cognito-tenancy/demo/hosts/evil.localhost',
        Value: '{}',
        Type: 'String',
      }),
    });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ message: 'Not found' });
  });
});
