import { describe, expect, it } from '@jest/globals';
import {
  callApi,
  decodeClaims,
  discoverByEmail,
  discoverByHost,
  type Fetch,
  FlowError,
  federatedUsername,
  signIn,
} from '../e2e/http-flow';

const CONFIG = {
  tenantId: 'acme',
  userPoolId: 'local_abc',
  clientId: 'client1',
  identityProvider: 'AcmeIdP',
  cognitoDomain: 'http://127.0.0.1:9229',
  authorizeUrl: 'http://127.0.0.1:9229/oauth2/authorize',
  region: 'local',
};

function fakeFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetcher: Fetch = async (url, init) => {
    calls.push({ url, ...(init ? { init } : {}) });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { fetcher, calls };
}

describe('sign-in page flow', () => {
  it('finds the tenant of a tenant host through GET /config', async () => {
    const { fetcher, calls } = fakeFetch(200, CONFIG);
    const found = await discoverByHost(fetcher, 'http://acme.localhost:4000');
    expect(found).toMatchObject({ source: 'host', tenantId: 'acme', clientId: 'client1' });
    expect(calls[0]?.url).toBe('http://acme.localhost:4000/config');
  });

  it('treats 404 from /config as "not a tenant host" and other failures as errors', async () => {
    expect(await discoverByHost(fakeFetch(404, { message: 'x' }).fetcher, 'http://a')).toBeUndefined();
    await expect(discoverByHost(fakeFetch(503, {}).fetcher, 'http://a')).rejects.toThrow(FlowError);
    await expect(discoverByHost(fakeFetch(200, { tenantId: 'acme' }).fetcher, 'http://a')).rejects.toThrow(
      /lacks/,
    );
  });

  it('posts the email to /tenant-match and explains unknown domains', async () => {
    const { fetcher, calls } = fakeFetch(200, { ...CONFIG, displayName: 'Acme' });
    const found = await discoverByEmail(fetcher, 'http://app.localhost:4000', 'bob@acme.example');
    expect(found).toMatchObject({ source: 'email', displayName: 'Acme' });
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"email":"bob@acme.example"}');
    await expect(discoverByEmail(fakeFetch(404, {}).fetcher, 'http://a', 'x@y.example')).rejects.toThrow(
      /No organisation/,
    );
    await expect(discoverByEmail(fakeFetch(400, {}).fetcher, 'http://a', 'nope')).rejects.toThrow(
      /email address/,
    );
  });

  it('signs in with USER_PASSWORD_AUTH against the Cognito endpoint', async () => {
    const { fetcher, calls } = fakeFetch(200, { AuthenticationResult: { AccessToken: 'a', IdToken: 'i' } });
    const tokens = await signIn(
      fetcher,
      'http://127.0.0.1:9229',
      'client1',
      'AcmeIdP_alice@acme.example',
      'pw',
    );
    expect(tokens).toEqual({ accessToken: 'a', idToken: 'i' });
    const init = calls[0]!.init!;
    expect((init.headers as Record<string, string>)['x-amz-target']).toBe(
      'AWSCognitoIdentityProviderService.InitiateAuth',
    );
    expect(JSON.parse(String(init.body))).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client1',
      AuthParameters: { USERNAME: 'AcmeIdP_alice@acme.example', PASSWORD: 'pw' },
    });
  });

  it('reports wrong passwords and unsupported challenges plainly', async () => {
    const wrong = fakeFetch(400, {
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await expect(signIn(wrong.fetcher, 'http://c', 'c', 'u', 'p')).rejects.toThrow(
      'Wrong email or password.',
    );
    const challenge = fakeFetch(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED' });
    await expect(signIn(challenge.fetcher, 'http://c', 'c', 'u', 'p')).rejects.toThrow(
      /NEW_PASSWORD_REQUIRED/,
    );
  });

  it('names federated users as Cognito does: <IdP>_<id>', () => {
    expect(federatedUsername('AcmeIdP', ' Alice@Acme.Example ')).toBe('AcmeIdP_alice@acme.example');
  });

  it('decodes token claims for display and survives garbage', () => {
    const payload = Buffer.from(JSON.stringify({ 'custom:tenantName': 'acme' })).toString('base64url');
    expect(decodeClaims(`h.${payload}.s`)).toEqual({ 'custom:tenantName': 'acme' });
    expect(decodeClaims('garbage')).toEqual({});
    expect(decodeClaims('a.%%%.b')).toEqual({});
  });

  it('calls the API with the bearer token', async () => {
    const { fetcher, calls } = fakeFetch(201, { item: { id: 1 } });
    const res = await callApi(fetcher, 'http://acme.localhost:4000', 'tok', '/items', {
      method: 'POST',
      body: { text: 'x' },
    });
    expect(res).toEqual({ status: 201, body: { item: { id: 1 } } });
    expect((calls[0]!.init!.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });
});
