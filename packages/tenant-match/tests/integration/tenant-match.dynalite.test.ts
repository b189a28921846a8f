/**
 * The real handler module (real SDK client, real Powertools logger) against dynalite on
 * loopback, seeded with the items registryEntries derives from a tenant file, exactly as
 * infra and the local stack write them. The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB.
 */

import { loadHandlerForEmulators } from '@cognito-tenancy/kit/testing/handler-module';
import {
  type DynamoDbLocal,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '@cognito-tenancy/local-stack/dynamodb-local';
import { createTenantTable, putTenantItems } from '@cognito-tenancy/local-stack/dynamodb-tenant-table';
import { registryEntries } from '@cognito-tenancy/registry/registry-entries';
import { itEnvironment } from '@cognito-tenancy/registry/testing/it-environment';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TenantMatchHandler } from '../../src/create-handler';

const environment = itEnvironment([
  {
    id: 'globex',
    displayName: 'Globex',
    pattern: 'shared',
    emailDomains: ['globex.com'],
    includeSubdomains: true,
    idp: { name: 'GlobexEntra', metadataUrl: 'https://login.globex.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
  {
    id: 'initech',
    displayName: 'Initech',
    pattern: 'shared',
    emailDomains: ['initech.com'],
    idp: { name: 'InitechOkta', metadataUrl: 'https://initech.okta.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
]);
const sharedPool = {
  userPoolId: 'eu-west-1_SharedIt1',
  clientId: 'sharedclient1',
  cognitoDomain: 'shared-it.auth.eu-west-1.amazoncognito.com',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_SharedIt1',
};

const savedEnv = { ...process.env };
let db: DynamoDbLocal;
let handler: TenantMatchHandler;

beforeAll(async () => {
  db = await startDynamoDbLocal();
  const client = localDynamoDbClient(db.endpoint, 'eu-west-1');
  await createTenantTable(client, 'tenants-it');
  const { items } = registryEntries(environment, {
    sharedPools: { 'shared-00': sharedPool },
    dedicatedPools: {},
  });
  await putTenantItems(
    client,
    'tenants-it',
    items.map((entry) => entry.item),
  );
  client.destroy();

  handler = await loadHandlerForEmulators(
    savedEnv,
    {
      TENANT_TABLE_NAME: 'tenants-it',
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      // Every request reads the table, so the test sees the table and not the cache.
      CACHE_TTL_SECONDS: '0',
      CACHE_NEGATIVE_TTL_SECONDS: '0',
      DYNAMODB_REQUEST_TIMEOUT_MS: '500',
      DYNAMODB_CONNECTION_TIMEOUT_MS: '200',
      DYNAMODB_MAX_ATTEMPTS: '1',
    },
    () => import('../../src/handler'),
  );
});

afterAll(async () => {
  process.env = savedEnv;
  await db.close();
});

const post = (email: string) =>
  handler({
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });

describe('tenant-match against dynalite', () => {
  it('finds the tenant of an exact email domain', async () => {
    const response = await post('Alice@Globex.com');

    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toEqual({
      tenantId: 'globex',
      displayName: 'Globex',
      identityProvider: 'GlobexEntra',
      userPoolId: 'eu-west-1_SharedIt1',
      clientId: 'sharedclient1',
      region: 'eu-west-1',
      cognitoDomain: 'shared-it.auth.eu-west-1.amazoncognito.com',
      authorizeUrl: expect.any(String),
      oidc: expect.objectContaining({ client_id: 'sharedclient1', response_type: 'code' }),
    });
    expect(body.oidc.extraQueryParams).toEqual({
      identity_provider: 'GlobexEntra',
      login_hint: 'alice@globex.com',
    });
    const url = new URL(body.authorizeUrl);
    expect(url.origin).toBe('https://shared-it.auth.eu-west-1.amazoncognito.com');
    expect(url.searchParams.get('identity_provider')).toBe('GlobexEntra');
    expect(url.searchParams.get('login_hint')).toBe('alice@globex.com');
    expect(url.searchParams.get('redirect_uri')).toBe('https://app.example.com/callback');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('finds an opted-in tenant from a subdomain, and no other', async () => {
    const globexEu = await post('bob@eu.globex.com');
    const initechEu = await post('bob@eu.initech.com');

    expect(globexEu.statusCode).toBe(200);
    expect(JSON.parse(globexEu.body).tenantId).toBe('globex');
    expect(initechEu.statusCode).toBe(404);
  });

  it('answers unknown and look-alike domains with the same 404', async () => {
    const responses = await Promise.all(
      ['bob@unknown.test', 'bob@evilglobex.com', 'bob@globex.com.evil.test', 'bob@eu.initech.com'].map(post),
    );

    for (const response of responses) expect(response).toEqual(responses[0]);
    expect(responses[0]?.statusCode).toBe(404);
  });

  it('serves a known tenant stale and answers 503 for the rest once the table is gone', async () => {
    await post('carol@initech.com');
    await db.close();

    const known = await post('carol@initech.com');
    const unseen = await post('dave@never-seen.test');

    expect(known.statusCode).toBe(200);
    expect(JSON.parse(known.body).tenantId).toBe('initech');
    expect(unseen.statusCode).toBe(503);
    expect(unseen.body).toBe('{"message":"Service unavailable, try again later"}');
  });
});
