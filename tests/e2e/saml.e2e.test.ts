/**
 * A SAML round trip per pattern through the local stack over HTTP, as a browser would make
 * it: the app's authorize request to the managed-login stand-in, the redirect with an
 * AuthnRequest to the tenant's local IdP, its sign-in form, the signed Response posted to
 * the stand-in's ACS, the code back to the app, the token exchange with PKCE, then the API
 * through the gateway and the authorizer. The user is the one Cognito would have made:
 * `<IdP>_<NameID>`, `identities`, the `<poolId>_<IdP>` group, `custom:groups` as `[a, b]`.
 */

import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AdminGetUserCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwtPayload, localCognitoClient } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { tenantPool } from '@cognito-tenancy/registry/registry-entries';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpRequest, type TestResponse } from '../local-stack/http';
import { startTestStack, type TestStack } from './local-stack';

let stack: TestStack;

const LOGIN_HOST = 'login.localhost';
const REPO = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
  stack = await startTestStack();
}, 90_000);

afterAll(async () => {
  await stack?.dispose();
});

const onLogin = (method: string, path: string, form?: Record<string, string>) =>
  httpRequest({
    port: stack.ports.web,
    host: LOGIN_HOST,
    method,
    path,
    ...(form
      ? {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        }
      : {}),
  });

const hidden = (page: TestResponse, name: string): string => {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page.text);
  if (match?.[1] === undefined)
    throw new Error(`no hidden ${name} on the page (status ${page.status}): ${page.text.slice(0, 400)}`);
  return match[1]
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
};

const pathOf = (location: string | string[] | undefined) => {
  const url = new URL(String(location));
  return { url, path: url.pathname + url.search };
};

interface RoundTrip {
  readonly idToken: string;
  readonly accessToken: string;
  readonly steps: readonly string[];
}

/** The whole redirect flow for one demo user of `tenantId`. */
async function samlRoundTrip(tenantId: string, email: string, password = stack.password): Promise<RoundTrip> {
  const tenant = stack.env.tenants.find((t) => t.id === tenantId);
  const pool = tenant === undefined ? undefined : tenantPool(tenant, stack.pools);
  if (tenant === undefined || pool === undefined) throw new Error(`no tenant ${tenantId}`);
  const redirectUri = tenant.callbackUrls?.[0] ?? '';
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const steps: string[] = [];
  const authorize = await onLogin(
    'GET',
    `/oauth2/authorize?${new URLSearchParams({
      client_id: pool.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      identity_provider: tenant.idp.name,
      login_hint: email,
    })}`,
  );
  steps.push(`authorize ${authorize.status}`);
  expect(authorize.status).toBe(302);
  const toIdp = pathOf(authorize.headers.location);
  expect(toIdp.url.pathname).toBe(`/local-idp/${tenantId}/sso`);
  expect(toIdp.url.searchParams.get('SAMLRequest')).toBeTruthy();
  const form = await onLogin('GET', toIdp.path);
  steps.push(`idp form ${form.status}`);
  expect(form.status).toBe(200);
  expect(form.text).toContain('local SAML identity');
  const posted = await onLogin('POST', `/local-idp/${tenantId}/login`, {
    SAMLRequest: hidden(form, 'SAMLRequest'),
    RelayState: hidden(form, 'RelayState'),
    username: email,
    password,
  });
  steps.push(`idp login ${posted.status}`);
  if (posted.status !== 200)
    throw new Error(`IdP sign-in answered ${posted.status}: ${posted.text.slice(0, 300)}`);
  const acs = await onLogin('POST', '/saml2/idpresponse', {
    SAMLResponse: hidden(posted, 'SAMLResponse'),
    RelayState: hidden(posted, 'RelayState'),
  });
  steps.push(`acs ${acs.status}`);
  if (acs.status !== 302) throw new Error(`ACS answered ${acs.status}: ${acs.text.slice(0, 400)}`);
  const back = new URL(String(acs.headers.location));
  expect(back.origin + back.pathname).toBe(redirectUri);
  expect(back.searchParams.get('state')).toBe(state);
  const token = await onLogin('POST', '/oauth2/token', {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    client_id: pool.clientId,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  steps.push(`token ${token.status}`);
  expect(token.status).toBe(200);
  const body = token.json as { id_token: string; access_token: string };
  return { idToken: body.id_token, accessToken: body.access_token, steps };
}

describe.each([
  {
    pattern: 'dedicated',
    tenantId: 'acme',
    email: 'alice@acme.example',
    host: 'acme.localhost',
    groups: ['Admins', 'Readers'],
  },
  {
    pattern: 'shared',
    tenantId: 'globex',
    email: 'hank@globex.example',
    host: 'app.localhost',
    groups: ['sg-app-admins', 'sg-app-users'],
  },
])('a SAML round trip on a $pattern tenant ($tenantId)', ({ tenantId, email, host, groups }) => {
  let trip: RoundTrip;

  beforeAll(async () => {
    trip = await samlRoundTrip(tenantId, email);
  }, 60_000);

  it('issues tokens for the federated user, with pre-token-gen binding the tenant', () => {
    const tenant = stack.env.tenants.find((t) => t.id === tenantId);
    const claims = decodeJwtPayload(trip.idToken);
    expect(claims['cognito:username']).toBe(`${tenant?.idp.name}_${email}`);
    expect(claims['custom:tenantName']).toBe(tenantId);
    expect(claims.email).toBe(email);
    // pre-token-gen kept the tenant's allowed groups (cognito-local applies it to the ID token).
    expect(claims['cognito:groups']).toEqual(groups);
    expect(trip.steps).toEqual(['authorize 302', 'idp form 200', 'idp login 200', 'acs 302', 'token 200']);
  });

  it('stores the user as Cognito would: mapped attributes, groups as [a, b], the IdP group', async () => {
    const tenant = stack.env.tenants.find((t) => t.id === tenantId);
    const pool = tenant === undefined ? undefined : tenantPool(tenant, stack.pools);
    const cognito = localCognitoClient(stack.urls.cognito);
    try {
      const user = await cognito.send(
        new AdminGetUserCommand({ UserPoolId: pool?.userPoolId, Username: `${tenant?.idp.name}_${email}` }),
      );
      const attributes = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
      expect(attributes.email).toBe(email);
      expect(attributes['custom:groups']).toBe(`[${groups.join(', ')}]`);
      expect(attributes.given_name).toBe(email.split('@')[0]?.replace(/^./, (c) => c.toUpperCase()));
      expect(JSON.parse(attributes.identities ?? '[]')).toEqual([
        expect.objectContaining({ providerName: tenant?.idp.name, providerType: 'SAML', userId: email }),
      ]);
      // cognito-local's AdminListGroupsForUser misses members; ListUsersInGroup reads the group itself.
      const members = await cognito.send(
        new ListUsersInGroupCommand({
          UserPoolId: pool?.userPoolId,
          GroupName: `${pool?.userPoolId}_${tenant?.idp.name}`,
        }),
      );
      expect(members.Users?.map((u) => u.Username)).toContain(user.Username);
    } finally {
      cognito.destroy();
    }
  });

  it('calls the API through the gateway with the access token', async () => {
    const response = await httpRequest({
      port: stack.ports.gateway,
      host,
      path: '/pets',
      headers: { authorization: `Bearer ${trip.accessToken}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('the IdP step refuses what a real IdP would', () => {
  it('shows the form again for a wrong password, and posts nothing to the ACS', async () => {
    await expect(samlRoundTrip('initech', 'peter@initech.example', 'not-the-password')).rejects.toThrow(
      /IdP sign-in answered 401/,
    );
  }, 30_000);

  it("refuses a user of another tenant at this tenant's IdP", async () => {
    await expect(samlRoundTrip('initech', 'alice@acme.example')).rejects.toThrow(/IdP sign-in answered 401/);
  }, 30_000);
});

describe('pnpm tenant check reads the local IdP metadata like any tenant', () => {
  // The local IdPs sign on over http://login.localhost, which the check rightly refuses for a
  // real tenant: that is the one finding, once per tenant; nothing else in the files is wrong.
  it('finds each metadata file; its only finding is the http:// sign-on URL', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO, 'scripts', 'tenant', 'main.ts'),
        'check',
        stack.saml.environmentFile,
        '--json',
      ],
      { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
    );
    const report = JSON.parse(run.stdout) as { findings: Array<{ where: string; code: string }> };
    expect(run.status).toBe(1);
    expect(report.findings.map((f) => [f.where, f.code])).toEqual(
      stack.env.tenants.map((t, i) => [
        `tenants[${i}] (tenant '${t.id}').idp.metadataFile`,
        'metadata.insecure-sso',
      ]),
    );
  }, 150_000);
});
