/**
 * Properties over random events: the handler always answers with a documented status and
 * a JSON (or empty) body; no TypeError or other bug escapes as a 500 or a rejection.
 */

import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { isNormalizedDomain } from '@cognito-tenancy/registry/normalize';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { createHandler } from '../../src/create-handler';
import type { ProxyResponse } from '../../src/response';
import { domainItem, recordingLogger, storedDomainItem, testConfig } from '../support/events';

const DOCUMENTED = [200, 204, 400, 404, 405, 503];

function setup(failure: 'never' | 'always' | 'sometimes' = 'never') {
  const dynamodb = new DynamoDBClient({ region: 'eu-west-1' });
  const mock = mockClient(dynamodb);
  let calls = 0;
  mock.on(GetItemCommand).callsFake((input: { Key?: { pk?: { S?: string } } }) => {
    calls += 1;
    if (failure === 'always' || (failure === 'sometimes' && calls % 2 === 0)) {
      return Promise.reject(Object.assign(new Error('boom'), { name: 'ThrottlingException' }));
    }
    const key = input.Key?.pk?.S;
    if (key === 'DOMAIN#acme.com') {
      return Promise.resolve({
        Item: storedDomainItem('acme.com', domainItem('acme', { includeSubdomains: true })),
      });
    }
    return Promise.resolve({});
  });
  const log = recordingLogger();
  const handler = createHandler({ config: testConfig(), dynamodb, logger: log.logger });
  const keys = () => mock.commandCalls(GetItemCommand).map((call) => call.args[0].input.Key?.pk?.S ?? '');
  return { handler, log, keys };
}

function assertWellFormed(response: ProxyResponse): void {
  expect(DOCUMENTED).toContain(response.statusCode);
  expect(response.isBase64Encoded).toBe(false);
  for (const value of Object.values(response.headers)) expect(typeof value).toBe('string');
  if (response.statusCode === 204) expect(response.body).toBe('');
  else expect(() => JSON.parse(response.body)).not.toThrow();
}

const headerName = fc.constantFrom(
  'Content-Type',
  'content-type',
  'Origin',
  'origin',
  '__proto__',
  'constructor',
  'x',
);
const headerValue = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'https://app.example.com',
    'text/plain',
  ),
  fc.string(),
);
const method = fc.oneof(fc.constantFrom('POST', 'OPTIONS', 'GET', 'post'), fc.string(), fc.anything());
const emailish = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    'bob@acme.com',
    'bob@eu.acme.com',
    'a@globex.com@acme.com',
    '"a"@acme.com',
    'bob@\u0430cme.com',
  ),
  fc.tuple(fc.string(), fc.oneof(fc.domain(), fc.string({ unit: 'grapheme' }))).map(([l, d]) => `${l}@${d}`),
  fc.string({ unit: 'binary' }),
  fc.anything(),
);
const body = fc.oneof(
  emailish.map((email) => JSON.stringify({ email }) ?? ''),
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 5000 }),
  fc.anything(),
  fc.constant(null),
);
const restLike = fc.record(
  {
    httpMethod: method,
    headers: fc.oneof(fc.dictionary(headerName, headerValue), fc.constant(null), fc.anything()),
    multiValueHeaders: fc.oneof(fc.dictionary(headerName, fc.array(headerValue)), fc.anything()),
    body,
    isBase64Encoded: fc.oneof(fc.boolean(), fc.anything()),
  },
  { requiredKeys: [] },
);
const httpApiLike = fc.record(
  {
    version: fc.constant('2.0'),
    requestContext: fc.oneof(fc.record({ http: fc.record({ method }) }), fc.anything()),
    headers: fc.dictionary(headerName, headerValue),
    body: fc.oneof(
      body,
      body.map((b) => (typeof b === 'string' ? Buffer.from(b).toString('base64') : b)),
    ),
    isBase64Encoded: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A JSON POST of `email` (any value; `undefined` gives an empty body). */
const postEmail = (email: unknown) => ({
  httpMethod: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email }) ?? '',
});

describe('tenant-match handler (fuzz)', () => {
  it('answers any event with a documented status and never a 500', async () => {
    const { handler, log } = setup();
    await fc.assert(
      fc.asyncProperty(fc.oneof(restLike, httpApiLike, fc.anything()), async (event) => {
        assertWellFormed(await handler(event));
      }),
      { numRuns: 400 },
    );
    expect(log.lines.filter((line) => line.attributes.reason === 'internal-error')).toEqual([]);
  });

  it('reads only normalised DOMAIN# keys and answers 200, 400 or 404 to any JSON email', async () => {
    const { handler, keys } = setup();
    await fc.assert(
      fc.asyncProperty(emailish, async (email) => {
        const response = await handler(postEmail(email));
        expect([200, 400, 404]).toContain(response.statusCode);
        if (response.statusCode === 200) expect(JSON.parse(response.body).tenantId).toBe('acme');
      }),
      { numRuns: 400 },
    );
    for (const key of keys()) {
      expect(key.startsWith('DOMAIN#') && isNormalizedDomain(key.slice('DOMAIN#'.length))).toBe(true);
    }
  });

  it.each([['always'], ['sometimes']] as const)(
    'fails closed with 503 (never a 500) when DynamoDB fails %s',
    async (failure) => {
      const { handler, log } = setup(failure);
      await fc.assert(
        fc.asyncProperty(emailish, async (email) => {
          const response = await handler(postEmail(email));
          expect([200, 400, 404, 503]).toContain(response.statusCode);
          if (failure === 'always') expect(response.statusCode).not.toBe(200);
        }),
        { numRuns: 200 },
      );
      expect(log.lines.some((line) => line.attributes.reason === 'internal-error')).toBe(false);
    },
  );
});
