/**
 * The drift #16 was about: with the sign-out permission's literal `{sub}` put back in the
 * synthesized stack, the twin refuses sign-out exactly as AWS did (500 Internal server
 * error, the Lambda never runs), while every other route keeps working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwtPayload } from '@cognito-tenancy/local-stack/cognito-fixtures';
import { DEFAULT_DEMO_USERS_FILE } from '@cognito-tenancy/local-stack/demo-users';
import { environmentFile, PARTS, type Part } from '@cognito-tenancy/local-stack/options';
import { type LocalStack, startLocalStack } from '@cognito-tenancy/local-stack/stack';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { httpRequest } from '../local-stack/http';
import { federatedUsername, signIn } from './http-flow';
import { signOutPermissionWithLiteralSub } from './twin-drift';

let stack: LocalStack;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'drift-e2e-'));
  stack = await startLocalStack(
    {
      envFile: environmentFile('demo'),
      usersFile: DEFAULT_DEMO_USERS_FILE,
      stateDir,
      reset: false,
      build: false,
      ports: Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>,
      serviceUrl: undefined,
      authorizerCacheTtlSeconds: 0,
    },
    () => {},
    { editSynthesized: signOutPermissionWithLiteralSub },
  );
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

const tokenOf = async (email: string) => {
  const user = stack.users.find((u) => u.email === email)!;
  const tenant = stack.env.tenants.find((t) => t.id === user.tenant)!;
  return (
    await signIn(
      fetch,
      stack.urls.cognito,
      user.clientId,
      federatedUsername(tenant.idp.name, email),
      stack.password,
    )
  ).idToken;
};

it('answers the sign-out of a real user 500, as AWS did, without running the Lambda', async () => {
  const admin = await tokenOf('alice@acme.example');
  const target = String(decodeJwtPayload(await tokenOf('bob@acme.example')).sub);
  const res = await httpRequest({
    port: stack.ports.gateway,
    host: 'acme.localhost',
    method: 'POST',
    path: `/admin/users/${target}/sign-out`,
    headers: { authorization: `Bearer ${admin}` },
  });
  expect([res.status, res.json]).toEqual([500, { message: 'Internal server error' }]);
  expect(stack.recentRequests().at(-1)).toMatchObject({ status: 500, outcome: 'lambda-permission' });
  expect(stack.signOutCalls()).toEqual([]);
});

it('keeps serving the other routes', async () => {
  const config = await httpRequest({ port: stack.ports.gateway, host: 'acme.localhost', path: '/config' });
  expect(config.status).toBe(200);
  const pets = await httpRequest({
    port: stack.ports.gateway,
    host: 'acme.localhost',
    path: '/pets',
    headers: { authorization: `Bearer ${await tokenOf('bob@acme.example')}` },
  });
  expect(pets.status).toBe(200);
});
