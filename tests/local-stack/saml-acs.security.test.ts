/**
 * The stand-in's ACS (`POST /saml2/idpresponse`) with real cognito-local behind it, from the
 * attacker's side: each bad Response (forged signature, another tenant's certificate,
 * expired, replayed, wrong audience, wrapped, ...) ends on an error page naming the reason,
 * and cognito-local receives no call at all (every call the stand-in's Cognito client makes
 * is recorded). The honest Response, through the local IdP's own form, creates the user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCognitoClient } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { type CognitoLocal, startCognitoLocal } from '@cognito-tenancy/local-stack/cognito-local';
import { DEFAULT_DEMO_USERS_FILE, loadDemoUsers } from '@cognito-tenancy/local-stack/demo-users';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import { type AppClient, appClients } from '@cognito-tenancy/local-stack/managed-login/app-clients';
import { createManagedLogin } from '@cognito-tenancy/local-stack/managed-login/managed-login';
import { environmentFile } from '@cognito-tenancy/local-stack/options';
import { readAuthnRequest } from '@cognito-tenancy/local-stack/saml/authn-request';
import {
  createSamlStep,
  type LocalFederation,
  prepareLocalFederation,
} from '@cognito-tenancy/local-stack/saml/local-federation';
import { createLocalIdpHandler, type LocalIdp } from '@cognito-tenancy/local-stack/saml/local-idp';
import { assertionXml, responseXml, signAssertion } from '@cognito-tenancy/local-stack/saml/signed-response';
import { seedPools } from '@cognito-tenancy/local-stack/seed';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { type EnvironmentPools, tenantPool } from '@cognito-tenancy/registry/registry-entries';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { httpRequest } from './http';
import { base64 } from './saml-world';

const ORIGIN_HOST = 'login.localhost';
let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let server: Server;
let port: number;
let stateDir: string;
let env: ResolvedEnvironment;
let pools: EnvironmentPools;
let federation: LocalFederation;
let clients: Map<string, AppClient>;
/** Every operation the stand-in's Cognito client sent, in order. */
const calls: string[] = [];

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'saml-acs-'));
  cognito = await startCognitoLocal({ dataDir: join(stateDir, 'cognito') });
  client = localCognitoClient(cognito.endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCalls' },
  );
  const envFile = environmentFile('demo');
  env = loadEnvironmentFile(envFile);
  server = createServer();
  port = await listen(server, 0);
  const origin = `http://${ORIGIN_HOST}:${port}`;
  pools = await seedPools(env, client, cognito.endpoint, origin);
  clients = appClients(env, pools);
  const demo = loadDemoUsers(DEFAULT_DEMO_USERS_FILE, env);
  federation = prepareLocalFederation({ env, pools, envFile, demo, stateDir, loginOrigin: origin });
  const handler = createManagedLogin({
    origin: () => origin,
    cognitoEndpoint: cognito.endpoint,
    clients: () => clients,
    passwordSignIn: async () => {
      throw new Error('the password step must not run when SAML is on');
    },
    saml: {
      step: createSamlStep({ federation: () => federation, env: () => env, cognito: client }),
      handleIdp: createLocalIdpHandler({ idps: () => federation.idps, password: () => demo.password }),
    },
  });
  server.on('request', (req, res) => void handler(req, res));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  if (server) await close(server);
  await cognito?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
});

const post = (path: string, form: Record<string, string>) =>
  httpRequest({
    port,
    host: ORIGIN_HOST,
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

const poolOf = (tenantId: string) => {
  const tenant = env.tenants.find((t) => t.id === tenantId);
  const pool = tenant === undefined ? undefined : tenantPool(tenant, pools);
  if (tenant === undefined || pool === undefined) throw new Error(`no pool for ${tenantId}`);
  return { tenant, pool };
};

/** Starts a sign-in for `tenantId`: the AuthnRequest's ID and the RelayState the ACS expects. */
async function begin(
  tenantId: string,
): Promise<{ requestId: string; relayState: string; idp: LocalIdp; sso: URL }> {
  const { tenant, pool } = poolOf(tenantId);
  const params = new URLSearchParams({
    client_id: pool.clientId,
    redirect_uri: tenant.callbackUrls?.[0] ?? '',
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    identity_provider: tenant.idp.name,
  });
  const response = await httpRequest({ port, host: ORIGIN_HOST, path: `/oauth2/authorize?${params}` });
  expect(response.status).toBe(302);
  const location = new URL(String(response.headers.location));
  const idp = federation.idps.get(tenantId);
  if (idp === undefined) throw new Error(`no IdP for ${tenantId}`);
  return {
    requestId: readAuthnRequest(location.searchParams.get('SAMLRequest') ?? '').id,
    relayState: location.searchParams.get('RelayState') ?? '',
    idp,
    sso: location,
  };
}

/** What the honest IdP would assert for `email` in answer to `requestId`. */
const honest = (idp: LocalIdp, requestId: string, email: string, now = Date.now()) => ({
  issuer: idp.entityId,
  nameId: email,
  audience: idp.spEntityId,
  recipient: idp.acsUrl,
  inResponseTo: requestId,
  attributes: {
    [idp.attributeNames.email]: [email],
    ...(idp.attributeNames.groups ? { [idp.attributeNames.groups]: ['Admins', 'Readers'] } : {}),
  },
  now,
});

const signed = (input: ReturnType<typeof honest>, key: string) =>
  responseXml(input, [signAssertion(assertionXml(input), key)]);

async function userExists(tenantId: string, username: string): Promise<boolean> {
  const probe = localCognitoClient(cognito.endpoint);
  try {
    await probe.send(
      new AdminGetUserCommand({ UserPoolId: poolOf(tenantId).pool.userPoolId, Username: username }),
    );
    return true;
  } catch {
    return false;
  } finally {
    probe.destroy();
  }
}

/** Posts `xml` to the ACS for a fresh sign-in; asserts the refusal page and that cognito-local saw nothing. */
async function expectRefused(
  tenantId: string,
  reason: string,
  forge: (idp: LocalIdp, requestId: string) => string,
) {
  const { requestId, relayState, idp } = await begin(tenantId);
  calls.length = 0;
  const response = await post('/saml2/idpresponse', {
    SAMLResponse: forge(idp, requestId),
    RelayState: relayState,
  });
  expect(response.status).toBe(400);
  expect(response.text).toContain(`data-reason="${reason}"`);
  expect(response.text).toContain('Sign-in');
  expect(response.headers.location).toBeUndefined();
  expect(calls).toEqual([]);
}

describe('the honest path (so every refusal below can fail)', () => {
  it('signs in through the local IdP form and creates <IdP>_<NameID> in cognito-local', async () => {
    const { sso } = await begin('acme');
    const form = await post(`/local-idp/acme/login`, {
      SAMLRequest: sso.searchParams.get('SAMLRequest') ?? '',
      RelayState: sso.searchParams.get('RelayState') ?? '',
      username: 'alice@acme.example',
      password: 'Demo-Passw0rd!',
    });
    expect(form.status).toBe(200);
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form.text)?.[1] ?? '';
    expect(value('RelayState')).toBe(sso.searchParams.get('RelayState'));
    calls.length = 0;
    const acs = await post('/saml2/idpresponse', {
      SAMLResponse: value('SAMLResponse'),
      RelayState: value('RelayState'),
    });
    expect(acs.status).toBe(302);
    expect(String(acs.headers.location)).toMatch(/^http:\/\/acme\.localhost:4000\/callback\?code=/);
    expect(calls).toEqual(
      expect.arrayContaining([
        'AdminCreateUserCommand',
        'AdminSetUserPasswordCommand',
        'InitiateAuthCommand',
      ]),
    );
    expect(await userExists('acme', 'AcmeOkta_alice@acme.example')).toBe(true);
  }, 30_000);
});

describe('a refused Response changes nothing in cognito-local', () => {
  it('a wrong signature (NameID changed after signing)', async () => {
    await expectRefused('acme', 'signature', (idp, id) =>
      base64(
        signed(honest(idp, id, 'bob@acme.example'), idp.privateKeyPem).replace(
          '>bob@acme.example</saml:NameID>',
          '>mallory@acme.example</saml:NameID>',
        ),
      ),
    );
    expect(await userExists('acme', 'AcmeOkta_mallory@acme.example')).toBe(false);
  });

  it("another tenant's certificate, in the same shared pool (umbrella's key for globex)", async () => {
    const umbrella = federation.idps.get('umbrella');
    await expectRefused('globex', 'signature', (idp, id) =>
      base64(signed(honest(idp, id, 'mallory@globex.example'), umbrella?.privateKeyPem ?? '')),
    );
    expect(await userExists('globex', 'GlobexEntra_mallory@globex.example')).toBe(false);
  });

  it('an expired assertion', async () => {
    await expectRefused('acme', 'expired', (idp, id) =>
      base64(signed(honest(idp, id, 'bob@acme.example', Date.now() - 30 * 60_000), idp.privateKeyPem)),
    );
  });

  it('a wrong audience (another pool)', async () => {
    const initech = poolOf('initech').pool.userPoolId;
    await expectRefused('acme', 'audience', (idp, id) =>
      base64(
        signed(
          { ...honest(idp, id, 'bob@acme.example'), audience: `urn:amazon:cognito:sp:${initech}` },
          idp.privateKeyPem,
        ),
      ),
    );
  });

  it('a wrapped assertion (a forged one beside the signed one)', async () => {
    await expectRefused('acme', 'wrapped', (idp, id) => {
      const genuine = honest(idp, id, 'bob@acme.example');
      const forged = assertionXml({ ...genuine, nameId: 'mallory@acme.example' });
      return base64(responseXml(genuine, [forged, signAssertion(assertionXml(genuine), idp.privateKeyPem)]));
    });
    expect(await userExists('acme', 'AcmeOkta_mallory@acme.example')).toBe(false);
  });

  it('an answer to another sign-in (InResponseTo)', async () => {
    await expectRefused('acme', 'in-response-to', (idp) =>
      base64(signed(honest(idp, '_not-this-request', 'bob@acme.example'), idp.privateKeyPem)),
    );
  });

  it('a Response posted to this ACS for another one (Recipient)', async () => {
    await expectRefused('acme', 'recipient', (idp, id) =>
      base64(
        signed(
          { ...honest(idp, id, 'bob@acme.example'), recipient: 'http://evil.localhost/saml2/idpresponse' },
          idp.privateKeyPem,
        ),
      ),
    );
  });

  it('garbage', async () => {
    await expectRefused('acme', 'malformed', () => 'not base64 at all');
  });

  it('a replayed Response: refused on a second post, with no second write', async () => {
    const { requestId, relayState, idp } = await begin('initech');
    const once = base64(signed(honest(idp, requestId, 'milton@initech.example'), idp.privateKeyPem));
    const first = await post('/saml2/idpresponse', { SAMLResponse: once, RelayState: relayState });
    expect(first.status).toBe(302);
    calls.length = 0;
    const again = await post('/saml2/idpresponse', { SAMLResponse: once, RelayState: relayState });
    expect(again.status).toBe(400);
    expect(again.text).toContain('data-reason="unknown-relay-state"');
    // With a new sign-in in progress the old Response answers another AuthnRequest: refused
    // there, before the replay cache (validate-response tests cover 'replayed' itself).
    const next = await begin('initech');
    calls.length = 0;
    const replayed = await post('/saml2/idpresponse', { SAMLResponse: once, RelayState: next.relayState });
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('data-reason="in-response-to"');
    expect(calls).toEqual([]);
  }, 30_000);

  it('the password shortcut is not served when SAML is on', async () => {
    const response = await post('/login', {
      transaction: 'x',
      username: 'alice@acme.example',
      password: 'Demo-Passw0rd!',
    });
    expect(response.status).toBe(404);
    expect(calls).toEqual([]);
  });
});
