import { DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { Config } from '../../src/config';
import { createHandler } from '../../src/create-handler';
import { domainHash } from '../../src/log-fields';
import {
  domainItem,
  emailBody,
  httpApiEvent,
  recordingLogger,
  restEvent,
  storedDomainItem,
  testConfig,
} from '../support/events';

function setup(config: Config = testConfig()) {
  const dynamodb = new DynamoDBClient({ region: 'eu-west-1' });
  const mock = mockClient(dynamodb);
  const log = recordingLogger();
  let now = 1_000_000;
  const handler = createHandler({ config, dynamodb, logger: log.logger, now: () => now });
  const getItemKeys = () => mock.commandCalls(GetItemCommand).map((call) => call.args[0].input.Key?.pk?.S);
  return { handler, mock, log, getItemKeys, advance: (ms: number) => (now += ms) };
}

const acme = domainItem('acme');
const post = (email: unknown, origin?: string) =>
  restEvent({
    body: emailBody(email),
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
  });

describe('tenant-match handler', () => {
  it('answers 200 with only the browser fields and a ready authorize URL, after one GetItem', async () => {
    const { handler, mock, getItemKeys } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedDomainItem('acme.com', acme) });

    const response = await handler(post('Bob.Smith@Acme.COM'));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      tenantId: 'acme',
      displayName: 'acme Inc.',
      identityProvider: 'acme-saml',
      userPoolId: 'eu-west-1_Shared01',
      clientId: 'clientacme',
      region: 'eu-west-1',
      cognitoDomain: 'shared-dev.auth.eu-west-1.amazoncognito.com',
      authorizeUrl:
        'https://shared-dev.auth.eu-west-1.amazoncognito.com/oauth2/authorize?response_type=code&client_id=clientacme' +
        '&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&identity_provider=acme-saml' +
        '&scope=openid+email+profile&code_challenge_method=S256&login_hint=bob.smith%40acme.com',
      oidc: {
        authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shared01',
        client_id: 'clientacme',
        redirect_uri: 'https://app.example.com/callback',
        response_type: 'code',
        scope: 'openid email profile',
        extraQueryParams: { identity_provider: 'acme-saml', login_hint: 'bob.smith@acme.com' },
        metadataSeed: { end_session_endpoint: 'https://shared-dev.auth.eu-west-1.amazoncognito.com/logout' },
      },
    });
    expect(response.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      vary: 'Origin',
    });
    expect(getItemKeys()).toEqual(['DOMAIN#acme.com']);
    expect(mock.commandCalls(GetItemCommand)[0]?.args[0].input.TableName).toBe('tenants-test');
    expect(mock.commandCalls(ScanCommand)).toHaveLength(0);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('answers an HTTP API v2 event the same way', async () => {
    const { handler, mock, getItemKeys } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedDomainItem('acme.com', acme) });

    const response = await handler(httpApiEvent({ body: emailBody('bob@acme.com') }));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).tenantId).toBe('acme');
    expect(getItemKeys()).toEqual(['DOMAIN#acme.com']);
  });

  it('answers 404 for an unknown domain after exactly one GetItem', async () => {
    const { handler, mock, getItemKeys } = setup();
    mock.on(GetItemCommand).resolves({});

    const response = await handler(post('bob@unknown.test'));

    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('{"message":"No tenant matches this email domain"}');
    expect(getItemKeys()).toEqual(['DOMAIN#unknown.test']);
  });

  it('resolves a subdomain through an opted-in parent, each read once and then cached', async () => {
    const { handler, mock, getItemKeys } = setup();
    mock.on(GetItemCommand, { Key: { pk: { S: 'DOMAIN#acme.com' } } }).resolves({
      Item: storedDomainItem('acme.com', domainItem('acme', { includeSubdomains: true })),
    });
    mock.on(GetItemCommand, { Key: { pk: { S: 'DOMAIN#eu.acme.com' } } }).resolves({});

    const first = await handler(post('bob@eu.acme.com'));
    const second = await handler(post('alice@eu.acme.com'));

    expect(first.statusCode).toBe(200);
    expect(JSON.parse(second.body).authorizeUrl).toContain('login_hint=alice%40eu.acme.com');
    expect(getItemKeys()).toEqual(['DOMAIN#eu.acme.com', 'DOMAIN#acme.com']);
  });

  it.each([
    [
      'answers from the cache within the TTL and reads again after it',
      'acme.com',
      { Item: storedDomainItem('acme.com', acme) },
      300_000,
    ],
    ['remembers an unknown domain for the negative TTL', 'unknown.test', {}, 60_000],
  ])('%s', async (_, domain, stored, ttlMs) => {
    const { handler, mock, advance } = setup();
    mock.on(GetItemCommand).resolves(stored);

    await handler(post(`a@${domain}`));
    advance(ttlMs - 1);
    await handler(post(`b@${domain}`));
    advance(1);
    await handler(post(`c@${domain}`));

    expect(mock.commandCalls(GetItemCommand)).toHaveLength(2);
  });

  it('serves the stale tenant when DynamoDB fails after the TTL', async () => {
    const { handler, mock, advance, log } = setup();
    mock
      .on(GetItemCommand)
      .resolvesOnce({ Item: storedDomainItem('acme.com', acme) })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await handler(post('a@acme.com'));
    advance(400_000);
    const response = await handler(post('b@acme.com'));

    expect(response.statusCode).toBe(200);
    expect(log.lines.at(-1)?.attributes).toMatchObject({ reason: 'matched', cache: 'stale' });
  });

  it.each([
    ['ThrottlingException', 'store-error'],
    ['ProvisionedThroughputExceededException', 'store-error'],
    ['TimeoutError', 'store-timeout'],
    ['AccessDeniedException', 'store-error'],
  ])('answers a generic 503 when DynamoDB fails with %s and nothing is cached', async (name, reason) => {
    const { handler, mock, log } = setup();
    mock.on(GetItemCommand).rejects(Object.assign(new Error('secret detail'), { name }));

    const response = await handler(post('bob@acme.com'));

    expect(response.statusCode).toBe(503);
    expect(response.body).toBe('{"message":"Service unavailable, try again later"}');
    expect(log.lines.at(-1)).toEqual({
      level: 'error',
      message: 'tenant-match',
      attributes: {
        reason,
        status: 503,
        domainHash: domainHash('acme.com'),
        errorName: 'StoreUnavailableError',
        causeName: name,
      },
    });
    expect(log.text()).not.toContain('secret detail');
  });

  it('answers 503 when a lookup never settles within the lookup timeout', async () => {
    const config = testConfig({
      dynamodb: { requestTimeoutMs: 50, connectionTimeoutMs: 50, maxAttempts: 1 },
    });
    const { handler, mock, log } = setup(config);
    mock.on(GetItemCommand).callsFake(() => new Promise(() => {}));

    const response = await handler(post('bob@acme.com'));

    expect(response.statusCode).toBe(503);
    expect(log.lines.at(-1)?.attributes.reason).toBe('store-timeout');
  });

  it('answers 503 when too many different domains are loading at once', async () => {
    const base = testConfig();
    const { handler, mock, log } = setup({ ...base, cache: { ...base.cache, maxConcurrentLoads: 1 } });
    let release: () => void = () => {};
    mock.on(GetItemCommand).callsFake(
      () =>
        new Promise((resolve) => {
          release = () => resolve({});
        }),
    );

    const slow = handler(post('a@one.test'));
    const busy = await handler(post('a@two.test'));
    release();

    expect(busy.statusCode).toBe(503);
    expect(log.lines.at(-1)?.attributes.reason).toBe('store-busy');
    expect((await slow).statusCode).toBe(404);
  });

  it('answers 503 for a damaged item rather than a partial tenant', async () => {
    const { handler, mock, log } = setup();
    const damaged = storedDomainItem('acme.com', acme);
    delete damaged.identityProvider;
    mock.on(GetItemCommand).resolves({ Item: damaged });

    const response = await handler(post('bob@acme.com'));

    expect(response.statusCode).toBe(503);
    expect(log.lines.at(-1)?.attributes.reason).toBe('record-invalid');
  });

  it('answers 400 naming the email, without any read, for an invalid address', async () => {
    const { handler, mock } = setup();

    const response = await handler(post('not-an-email'));

    expect(response.statusCode).toBe(400);
    expect(response.body).toBe('{"message":"Invalid request","field":"email"}');
    expect(mock.calls()).toHaveLength(0);
  });

  it.each([['GET'], ['PUT'], ['DELETE'], ['']])('answers 405 with Allow to method %p', async (method) => {
    const { handler, mock } = setup();

    const response = await handler(restEvent({ method, body: emailBody('bob@acme.com') }));

    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST, OPTIONS');
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('tenant-match CORS', () => {
  it('echoes an allowed origin on answers, with Vary: Origin', async () => {
    const { handler, mock } = setup();
    mock.on(GetItemCommand).resolves({});

    const response = await handler(post('bob@unknown.test', 'https://app.example.com'));

    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(response.headers.vary).toBe('Origin');
  });

  it('does not echo an origin that is not on the list', async () => {
    const { handler, mock } = setup();
    mock.on(GetItemCommand).resolves({});

    const response = await handler(post('bob@unknown.test', 'https://evil.test'));

    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers.vary).toBe('Origin');
  });

  it('answers a preflight from an allowed origin with 204 and the allowed method and header', async () => {
    const { handler, mock, log } = setup();

    const response = await handler(
      httpApiEvent({ method: 'OPTIONS', headers: { Origin: 'https://app.example.com' } }),
    );

    expect(response).toEqual({
      statusCode: 204,
      headers: {
        'cache-control': 'no-store',
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
        vary: 'Origin',
      },
      body: '',
      isBase64Encoded: false,
    });
    expect(log.lines.at(-1)?.attributes.reason).toBe('preflight');
    expect(mock.calls()).toHaveLength(0);
  });

  it('answers a preflight from another origin without any allow header', async () => {
    const { handler, log } = setup();

    const response = await handler(
      restEvent({ method: 'OPTIONS', headers: { Origin: 'https://evil.test' } }),
    );

    expect(response.statusCode).toBe(204);
    expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
    expect(log.lines.at(-1)?.attributes.reason).toBe('preflight-origin-refused');
  });

  it('sends no CORS headers at all when no origin is configured', async () => {
    const { handler, mock } = setup(testConfig({ corsAllowedOrigins: [] }));
    mock.on(GetItemCommand).resolves({});

    const response = await handler(post('bob@unknown.test', 'https://app.example.com'));

    expect(response.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });
});

describe('tenant-match logs', () => {
  it('logs a reason code, the tenant and a domain hash, never the email or the domain', async () => {
    const { handler, mock, log } = setup();
    mock.on(GetItemCommand).resolves({ Item: storedDomainItem('acme.com', acme) });

    await handler(post('bob.secret@acme.com'));

    expect(log.lines).toEqual([
      {
        level: 'info',
        message: 'tenant-match',
        attributes: {
          reason: 'matched',
          status: 200,
          tenantId: 'acme',
          cache: 'load',
          domainHash: domainHash('acme.com'),
        },
      },
    ]);
    expect(log.text()).not.toMatch(/bob|acme\.com/);
  });

  it('logs an invalid email by its reason only', async () => {
    const { handler, log } = setup();

    await handler(post('bob@globex.com@acme.com'));

    expect(log.lines).toEqual([
      { level: 'info', message: 'tenant-match', attributes: { reason: 'email-multiple-at', status: 400 } },
    ]);
  });
});
