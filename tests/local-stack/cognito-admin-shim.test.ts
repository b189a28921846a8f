/**
 * The Cognito admin shim in front of cognito-local: forwards every operation, answers
 * AdminUserGlobalSignOut itself once AdminGetUser confirms the user, passes Cognito's
 * errors through, and records the calls. The upstream here is a fake on loopback.
 */
import { createServer, type Server } from 'node:http';
import {
  type CognitoAdminShim,
  readSignOutRequest,
  startCognitoAdminShim,
} from '@cognito-tenancy/local-stack/cognito-admin-shim';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const seen: { target: string; body: string }[] = [];
let upstream: Server;
let shim: CognitoAdminShim;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = String(req.headers['x-amz-target']);
      seen.push({ target, body });
      const known = JSON.parse(body).Username === 'AcmeOkta_bob';
      const [status, answer] =
        target.endsWith('.AdminGetUser') && !known
          ? [400, { __type: 'UserNotFoundException', message: 'User does not exist.' }]
          : [200, { echoed: target }];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer));
    });
  });
  const port = await listen(upstream, 0);
  shim = await startCognitoAdminShim({ cognitoEndpoint: `http://127.0.0.1:${port}`, now: () => 42 });
});

afterAll(async () => {
  await shim?.close();
  await close(upstream);
});

const send = (target: string, body: unknown) =>
  fetch(shim.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body),
  });

describe('the Cognito admin shim', () => {
  it('forwards other operations unchanged', async () => {
    const response = await send('AWSCognitoIdentityProviderService.ListUsers', {
      UserPoolId: 'local_a',
      Filter: 'sub = "x"',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ echoed: 'AWSCognitoIdentityProviderService.ListUsers' });
    expect(seen.at(-1)).toEqual({
      target: 'AWSCognitoIdentityProviderService.ListUsers',
      body: '{"UserPoolId":"local_a","Filter":"sub = \\"x\\""}',
    });
  });

  it('answers AdminUserGlobalSignOut for an existing user and records it', async () => {
    const response = await send('AWSCognitoIdentityProviderService.AdminUserGlobalSignOut', {
      UserPoolId: 'local_a',
      Username: 'AcmeOkta_bob',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(seen.at(-1)?.target).toBe('AWSCognitoIdentityProviderService.AdminGetUser');
    expect(shim.signOutCalls()).toEqual([{ userPoolId: 'local_a', username: 'AcmeOkta_bob', at: 42 }]);
  });

  it('passes Cognito’s error through for an unknown user, recording nothing', async () => {
    const response = await send('AWSCognitoIdentityProviderService.AdminUserGlobalSignOut', {
      UserPoolId: 'local_a',
      Username: 'nobody',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('UserNotFoundException');
    expect(shim.signOutCalls()).toHaveLength(1);
  });

  it('refuses requests that are not Cognito API calls or lack the user', async () => {
    expect((await fetch(shim.endpoint)).status).toBe(400);
    const missing = await send('AWSCognitoIdentityProviderService.AdminUserGlobalSignOut', {
      UserPoolId: 'p',
    });
    expect(missing.status).toBe(400);
    expect(readSignOutRequest(Buffer.from('not json'))).toBeUndefined();
    expect(readSignOutRequest(Buffer.from('{"UserPoolId":"","Username":"u"}'))).toBeUndefined();
    expect(readSignOutRequest(Buffer.from('{"UserPoolId":"p","Username":"u"}'))).toEqual({
      userPoolId: 'p',
      username: 'u',
    });
  });
});
