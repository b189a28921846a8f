/**
 * Forced sign-out end to end through the local stack over HTTP: users sign in through
 * cognito-local, call the API through the gateway and the authorizer, a tenant admin signs
 * a user out (POST /admin/users/{sub}/sign-out, the sign-out Lambda), and the user's next
 * calls are denied within the documented bound (API Gateway's result-cache TTL plus the
 * authorizer's revocation cache TTL, both 1 s here). Admins of other tenants, in other pools
 * and in the same shared pool, and members cannot sign anyone out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwtPayload } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { DEFAULT_DEMO_USERS_FILE } from '@cognito-tenancy/local-stack/demo-users';
import { environmentFile, PARTS, type Part } from '@cognito-tenancy/local-stack/options';
import { type LocalStack, startLocalStack } from '@cognito-tenancy/local-stack/stack';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpRequest } from '../local-stack/http';
import { federatedUsername, signIn } from './http-flow';
import { driftFromEnvironment } from './twin-drift';

const RESULT_TTL_SECONDS = 1;
const REVOCATION_TTL_SECONDS = 1;
/** The documented bound, plus a little for the calls themselves. */
const BOUND_MS = (RESULT_TTL_SECONDS + REVOCATION_TTL_SECONDS) * 1000;
const SLACK_MS = 750;
const UNKNOWN_SUB = '00000000-0000-4000-8000-000000000000';

let stack: LocalStack;
let stateDir: string;

interface Person {
  readonly email: string;
  readonly host: string;
  token: string;
  accessToken: string;
  sub: string;
}
const people = new Map<string, Person>();

const HOSTS: Record<string, string> = {
  acme: 'acme.localhost',
  initech: 'initech.localhost',
  globex: 'app.localhost',
  umbrella: 'app.localhost',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signInAs(email: string): Promise<Person> {
  const user = stack.users.find((u) => u.email === email);
  const tenant = stack.env.tenants.find((t) => t.id === user?.tenant);
  if (!user || !tenant) throw new Error(`no demo user ${email}`);
  const tokens = await signIn(
    fetch,
    stack.urls.cognito,
    user.clientId,
    federatedUsername(tenant.idp.name, email),
    stack.password,
  );
  const person: Person = {
    email,
    host: HOSTS[tenant.id] ?? 'app.localhost',
    // The ID token carries pre-token-gen's groups on cognito-local (see the local stack README).
    token: tokens.idToken,
    accessToken: tokens.accessToken,
    sub: String(decodeJwtPayload(tokens.idToken).sub),
  };
  people.set(email, person);
  return person;
}

const who = (email: string) => {
  const person = people.get(email);
  if (!person) throw new Error(`${email} has not signed in`);
  return person;
};

const call = (
  person: Person,
  path: string,
  init: { method?: string; headers?: Record<string, string>; token?: string } = {},
) =>
  httpRequest({
    port: stack.ports.gateway,
    host: person.host,
    path,
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.token ?? person.token}`, ...init.headers },
  });

const signOut = (admin: Person, targetSub: string, headers: Record<string, string> = {}) =>
  call(admin, `/admin/users/${targetSub}/sign-out`, { method: 'POST', headers });

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'sign-out-e2e-'));
  stack = await startLocalStack(
    {
      envFile: environmentFile('demo'),
      usersFile: DEFAULT_DEMO_USERS_FILE,
      stateDir,
      reset: false,
      build: false,
      ports: Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>,
      serviceUrl: undefined,
      authorizerCacheTtlSeconds: RESULT_TTL_SECONDS,
      revocationCacheTtlSeconds: REVOCATION_TTL_SECONDS,
    },
    () => {},
    // TWIN_DRIFT=sign-out-sub: the stack as synthesized before the {sub} fix (this file then fails).
    driftFromEnvironment(),
  );
  for (const email of [
    'alice@acme.example',
    'bob@acme.example',
    'peter@initech.example',
    'milton@initech.example',
    'hank@globex.example',
    'frank@globex.example',
    'ada@umbrella.example',
    'chris@umbrella.example',
  ]) {
    await signInAs(email);
  }
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('an admin signs a user of their tenant out', () => {
  it('denies the user’s next calls within the result-cache TTL plus the revocation cache TTL', async () => {
    const alice = who('alice@acme.example');
    const bob = who('bob@acme.example');
    expect((await call(bob, '/pets')).status).toBe(200);

    const response = await signOut(alice, bob.sub);
    const signedOutAt = Date.now();

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ sub: bob.sub, revokedBefore: expect.any(Number) });
    let status = (await call(bob, '/pets')).status;
    while (status === 200 && Date.now() - signedOutAt < BOUND_MS + SLACK_MS) {
      await sleep(100);
      status = (await call(bob, '/pets')).status;
    }
    const deniedAfter = Date.now() - signedOutAt;
    expect(status).toBe(401);
    expect(deniedAfter).toBeLessThanOrEqual(BOUND_MS + SLACK_MS);
    // Every token issued before the cut-off, the access token too.
    expect((await call(bob, '/whoami', { token: bob.accessToken })).status).toBe(401);
    // The admin herself is not affected.
    expect((await call(alice, '/pets')).status).toBe(200);
  });

  it('asked Cognito to sign the user out of the right pool (answered by the local admin shim)', () => {
    expect(stack.signOutCalls()).toContainEqual({
      userPoolId: stack.pools.dedicatedPools.acme?.userPoolId,
      username: 'AcmeOkta_bob@acme.example',
      at: expect.any(Number),
    });
  });

  it('lets the user back in with a new sign-in after the cut-off', async () => {
    const old = who('bob@acme.example');
    const cutOff = Number(
      ((await signOut(who('alice@acme.example'), old.sub)).json as { revokedBefore: number }).revokedBefore,
    );
    while (Date.now() / 1000 < cutOff) await sleep(100);

    const bob = await signInAs('bob@acme.example');

    expect(Number(decodeJwtPayload(bob.token).iat)).toBeGreaterThanOrEqual(cutOff);
    expect((await call(bob, '/pets')).status).toBe(200);
    expect((await call(old, '/pets')).status).toBe(401);
  });

  it('lets a shared-pool admin sign out a user of their own IdP', async () => {
    const hank = who('hank@globex.example');
    const frank = who('frank@globex.example');
    expect((await signOut(hank, frank.sub)).status).toBe(200);
    await sleep(BOUND_MS + SLACK_MS);
    expect((await call(frank, '/pets')).status).toBe(401);
  });
});

describe('nobody else can sign a user out', () => {
  it('answers an admin of another tenant (another pool) exactly like an unknown user', async () => {
    const peter = who('peter@initech.example');
    const target = await signInAs('alice@acme.example');
    const foreign = await signOut(peter, target.sub);
    const unknown = await signOut(peter, UNKNOWN_SUB);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toBe(unknown.text);
    await sleep(BOUND_MS + SLACK_MS);
    expect((await call(target, '/pets')).status).toBe(200);
  });

  it('answers an admin of another tenant in the same shared pool exactly like an unknown user', async () => {
    const hank = who('hank@globex.example');
    const chris = who('chris@umbrella.example');
    const calls = stack.signOutCalls().length;
    const foreign = await signOut(hank, chris.sub);
    const unknown = await signOut(hank, UNKNOWN_SUB);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toBe(unknown.text);
    expect(stack.signOutCalls()).toHaveLength(calls);
    await sleep(BOUND_MS + SLACK_MS);
    expect((await call(chris, '/pets')).status).toBe(200);
  });

  it('refuses members (403), even with forged tenant and group headers', async () => {
    const milton = who('milton@initech.example');
    const peter = who('peter@initech.example');
    const chris = who('chris@umbrella.example');
    expect((await signOut(milton, peter.sub)).status).toBe(403);
    const forged = await signOut(milton, peter.sub, {
      'x-tenant-id': 'initech',
      'x-user-groups': '["app-admins"]',
      'x-user-sub': peter.sub,
    });
    expect(forged.status).toBe(403);
    expect((await signOut(chris, who('ada@umbrella.example').sub)).status).toBe(403);
    expect((await call(peter, '/pets')).status).toBe(200);
  });

  it('refuses a call without a token (401) and a sub that is not one (400)', async () => {
    const alice = who('alice@acme.example');
    const anonymous = await httpRequest({
      port: stack.ports.gateway,
      host: alice.host,
      method: 'POST',
      path: `/admin/users/${alice.sub}/sign-out`,
    });
    expect(anonymous.status).toBe(401);
    expect((await signOut(alice, 'not-a-sub')).status).toBe(400);
  });

  it('does not let an admin token of one tenant act on another tenant’s host', async () => {
    const alice = who('alice@acme.example');
    const onInitech = await call(
      { ...alice, host: 'initech.localhost' },
      `/admin/users/${who('milton@initech.example').sub}/sign-out`,
      {
        method: 'POST',
      },
    );
    expect(onInitech.status).toBe(403);
  });
});
