/**
 * The handler from the attacker's side: look-alike domains, parser tricks, oversized and
 * malformed bodies. Every case must end in a documented answer, never another tenant.
 */

import { DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler } from '../../src/create-handler';
import {
  domainItem,
  emailBody,
  recordingLogger,
  restEvent,
  storedDomainItem,
  testConfig,
} from '../support/events';

const TABLE = {
  'DOMAIN#acme.com': storedDomainItem('acme.com', domainItem('acme', { includeSubdomains: true })),
  'DOMAIN#globex.com': storedDomainItem('globex.com', domainItem('globex')),
};

function setup() {
  const dynamodb = new DynamoDBClient({ region: 'eu-west-1' });
  const mock = mockClient(dynamodb);
  mock.on(GetItemCommand).callsFake((input: { Key?: { pk?: { S?: string } } }) => {
    const key = input.Key?.pk?.S ?? '';
    return Promise.resolve(Object.hasOwn(TABLE, key) ? { Item: TABLE[key as keyof typeof TABLE] } : {});
  });
  const log = recordingLogger();
  const handler = createHandler({ config: testConfig(), dynamodb, logger: log.logger });
  const keys = () => mock.commandCalls(GetItemCommand).map((call) => call.args[0].input.Key?.pk?.S);
  const noScanOrQuery = () => {
    expect(mock.commandCalls(ScanCommand)).toHaveLength(0);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  };
  return { handler, keys, log, noScanOrQuery };
}

const post = (body: string, contentType = 'application/json') =>
  restEvent({ body, headers: { 'Content-Type': contentType } });

describe('look-alike domains never resolve to the real tenant', () => {
  it.each([
    ['Cyrillic а in a Latin name (mixed script)', 'bob@\u0430cme.com', 400, 'email-mixed-script'],
    ['punycode of that mixed-script look-alike', 'bob@xn--cme-5cd.com', 400, 'email-mixed-script'],
    ['a whole-Cyrillic name', 'bob@\u0430\u0441\u043c\u0435.com', 404, 'unknown-domain'],
    ['punycode of the whole-Cyrillic name', 'bob@xn--80akut.com', 404, 'unknown-domain'],
    ['a Greek omicron in globex', 'bob@gl\u03bfbex.com', 400, 'email-mixed-script'],
    ['a name that ends like the tenant', 'bob@evilacme.com', 404, 'unknown-domain'],
    ['a name that starts like the tenant', 'bob@acme.com.evil.test', 404, 'unknown-domain'],
    ['a hyphenated neighbour', 'bob@acme-com.test', 404, 'unknown-domain'],
    ['the tenant as a label of another name', 'bob@acme.evil.test', 404, 'unknown-domain'],
  ])('%s', async (_what, email, status, reason) => {
    const { handler, keys, log, noScanOrQuery } = setup();

    const response = await handler(post(emailBody(email)));

    expect(response.statusCode).toBe(status);
    expect(log.lines.at(-1)?.attributes.reason).toBe(reason);
    expect(response.body).not.toContain('acme');
    expect(keys()).not.toContain('DOMAIN#acme.com');
    noScanOrQuery();
  });

  it('looks the whole-Cyrillic name up under its own punycode key', async () => {
    const { handler, keys } = setup();

    await handler(post(emailBody('bob@\u0430\u0441\u043c\u0435.com')));

    expect(keys()).toEqual(['DOMAIN#xn--80akut.com']);
  });

  it('looks up acme.com.evil.test and its own parents only', async () => {
    const { handler, keys } = setup();

    await handler(post(emailBody('bob@acme.com.evil.test')));

    expect(keys()).toEqual(['DOMAIN#acme.com.evil.test', 'DOMAIN#com.evil.test', 'DOMAIN#evil.test']);
  });

  it('resolves a fullwidth spelling exactly like the ASCII name a browser would resolve', async () => {
    const { handler, keys } = setup();

    const response = await handler(post(emailBody('bob@\uff41\uff43\uff4d\uff45.com')));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).authorizeUrl).toContain('login_hint=bob%40acme.com');
    expect(keys()).toEqual(['DOMAIN#acme.com']);
  });

  it('does not let a subdomain of a tenant that did not opt in reach it', async () => {
    const { handler, keys } = setup();

    const response = await handler(post(emailBody('bob@eu.globex.com')));

    expect(response.statusCode).toBe(404);
    expect(keys()).toEqual(['DOMAIN#eu.globex.com', 'DOMAIN#globex.com']);
  });
});

describe('addresses that parsers disagree on are refused before any read', () => {
  it.each([
    ['a@globex.com@acme.com'],
    ['a@acme.com@globex.com'],
    ['"a@globex.com"@acme.com'],
    ['"a"@acme.com'],
    ['a\\@globex.com@acme.com'],
    ['a@acme.com%2F..%2Fglobex.com'],
    ['a@acme.com#globex.com'],
    ['a@acme.com/globex.com'],
    ['a@acme.com?x=globex.com'],
    ['a@acme.com\u0000globex.com'],
    ['a@acme.com:443'],
    ['a@[127.0.0.1]'],
    ['a@127.0.0.1'],
    ['a@com'],
    ['<a@acme.com>'],
    ['Bob <a@acme.com>'],
    ['a@acme\u200b.com'],
    [`${'a'.repeat(65)}@acme.com`],
    [`a@${'b'.repeat(600)}.com`],
  ])('refuses %p with 400 naming the email', async (email) => {
    const { handler, keys, log } = setup();

    const response = await handler(post(emailBody(email)));

    expect(response.statusCode).toBe(400);
    expect(response.body).toBe('{"message":"Invalid request","field":"email"}');
    expect(keys()).toEqual([]);
    expect(log.text()).not.toContain('globex');
  });
});

describe('bodies that are not a plain object with a string email', () => {
  it.each([
    ['__proto__ carrying the email', '{"__proto__":{"email":"bob@acme.com"}}', 'email'],
    [
      'constructor.prototype carrying the email',
      '{"constructor":{"prototype":{"email":"bob@acme.com"}}}',
      'email',
    ],
    ['an array of emails', '{"email":["bob@acme.com"]}', 'email'],
    ['a number', '{"email":42}', 'email'],
    ['a boolean', '{"email":true}', 'email'],
    ['an object with toString', '{"email":{"toString":"bob@acme.com"}}', 'email'],
    ['null', '{"email":null}', 'email'],
    ['a top-level array', '[{"email":"bob@acme.com"}]', 'body'],
    ['a top-level number', '42', 'body'],
    ['a top-level string', '"bob@acme.com"', 'body'],
    ['truncated JSON', '{"email":"bob@acme.com"', 'body'],
    ['JSON with a comment', '{"email":"bob@acme.com"/* */}', 'body'],
  ])('refuses %s with 400 naming the %s and no read', async (_what, body, field) => {
    const { handler, keys } = setup();

    const response = await handler(post(body));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: 'Invalid request', field });
    expect(keys()).toEqual([]);
  });

  it('does not pollute Object.prototype through a __proto__ key', async () => {
    const { handler } = setup();

    await handler(post('{"email":"bob@acme.com","__proto__":{"polluted":true,"includeSubdomains":true}}'));

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).includeSubdomains).toBeUndefined();
  });

  it('uses the last of duplicate email keys, as JSON.parse does, and reads only that domain', async () => {
    const { handler, keys } = setup();

    const response = await handler(post('{"email":"bob@acme.com","email":"bob@unknown.test"}'));

    expect(response.statusCode).toBe(404);
    expect(keys()).toEqual(['DOMAIN#unknown.test']);
  });
});

describe('oversized and mistyped requests', () => {
  const big = JSON.stringify({ email: 'bob@acme.com', pad: 'x'.repeat(64 * 1024) });

  it('refuses a 64 KiB body before parsing it', async () => {
    const { handler, keys } = setup();

    const response = await handler(post(big));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: 'Invalid request', field: 'body' });
    expect(keys()).toEqual([]);
  });

  it('refuses a 64 KiB base64 body before decoding it', async () => {
    const { handler, keys } = setup();
    const event = restEvent({
      body: Buffer.from(big).toString('base64'),
      isBase64Encoded: true,
      headers: { 'Content-Type': 'application/json' },
    });

    const response = await handler(event);

    expect(response.statusCode).toBe(400);
    expect(keys()).toEqual([]);
  });

  it('refuses a 64 KiB email string', async () => {
    const { handler } = setup();

    const response = await handler(post(emailBody(`${'a'.repeat(64 * 1024)}@acme.com`)));

    expect(response.statusCode).toBe(400);
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/json, text/plain'],
  ])('refuses content type %p (a cross-site form or simple request)', async (contentType) => {
    const { handler, keys } = setup();

    const response = await handler(post(emailBody('bob@acme.com'), contentType));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: 'Invalid request', field: 'content-type' });
    expect(keys()).toEqual([]);
  });
});

describe('unknown domains cannot be told apart', () => {
  it('answers every unknown domain with byte-identical status, headers and body', async () => {
    const emails = [
      'bob@unknown.test',
      'bob@x.test',
      'bob@eu.globex.com',
      'bob@evilacme.com',
      'bob@acme.com.evil.test',
      'bob@\u0430\u0441\u043c\u0435.com',
      `bob@${'a'.repeat(60)}.${'b'.repeat(60)}.example`,
      'someone.else+tag@another-unknown.example',
    ];
    const responses = [];
    for (const email of emails) responses.push(await setup().handler(post(emailBody(email))));

    const first = responses[0];
    expect(first?.statusCode).toBe(404);
    for (const response of responses) expect(response).toEqual(first);
  });

  it('returns only the documented fields for a match, nothing else of the item', async () => {
    const { handler } = setup();

    const response = await handler(post(emailBody('bob@acme.com')));

    expect(Object.keys(JSON.parse(response.body)).sort()).toEqual([
      'authorizeUrl',
      'clientId',
      'cognitoDomain',
      'displayName',
      'identityProvider',
      'oidc',
      'region',
      'tenantId',
      'userPoolId',
    ]);
    expect(response.body).not.toMatch(/includeSubdomains|pattern|DOMAIN#/);
  });

  it('never logs the email address or the domain, whatever the outcome', async () => {
    const { handler, log } = setup();

    for (const email of ['bob@acme.com', 'bob@unknown.test', 'bob@globex.com@acme.com', '"bob"@acme.com']) {
      await handler(post(emailBody(email)));
    }

    expect(log.lines).toHaveLength(4);
    expect(log.text()).not.toMatch(/bob|acme\.com|unknown\.test|globex\.com/);
  });
});
