/**
 * The built bundle as Cognito's trigger: cognito-local runs a real InitiateAuth
 * (USER_PASSWORD_AUTH), calls pre-token-gen through the Lambda Invoke API server, and the
 * function reads the tenant table from dynalite, seeded with the items registryEntries
 * derives from a tenant file, as infra and the local stack write them.
 */
import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  UserLambdaValidationException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  createAppClient,
  createDemoUser,
  createUserPool,
  decodeJwtPayload,
  localCognitoClient,
  signInWithPassword,
} from '@cognito-tenancy/local-stack/cognito-fixtures';
import { type CognitoLocal, startCognitoLocal } from '@cognito-tenancy/local-stack/cognito-local';
import {
  type DynamoDbLocal,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '@cognito-tenancy/local-stack/dynamodb-local';
import { createTenantTable, putTenantItems } from '@cognito-tenancy/local-stack/dynamodb-tenant-table';
import {
  type LambdaInvokeServer,
  startLambdaInvokeServer,
} from '@cognito-tenancy/local-stack/lambda-invoke-server';
import { registryEntries } from '@cognito-tenancy/registry/registry-entries';
import { itEnvironment } from '@cognito-tenancy/registry/testing/it-environment';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { builtBundle } from './built-bundle';

const TABLE = 'tenants-it';
const PASSWORD = 'Passw0rd!local';

const environment = itEnvironment([
  {
    id: 'acme',
    displayName: 'Acme',
    pattern: 'shared',
    emailDomains: ['acme.com'],
    idp: { name: 'AcmeIdP', metadataUrl: 'https://idp.acme.example/metadata' },
    groups: { allow: ['CN=Admins,OU=X'], prefixes: ['app-'] },
    callbackUrls: ['https://app.example.com/callback'],
  },
  {
    id: 'globex',
    displayName: 'Globex',
    pattern: 'shared',
    emailDomains: ['globex.com'],
    idp: { name: 'GlobexIdP', metadataUrl: 'https://idp.globex.example/metadata' },
    groups: { allow: ['Globex-Admins'] },
    callbackUrls: ['https://app.example.com/callback'],
  },
  {
    // Found by tenant-match for subdomain addresses too (includeSubdomains, #19.7)...
    id: 'umbrella',
    displayName: 'Umbrella',
    pattern: 'shared',
    emailDomains: ['umbrella.example'],
    includeSubdomains: true,
    idp: { name: 'UmbrellaIdP', metadataUrl: 'https://idp.umbrella.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
  {
    // ... except this registered subdomain, which is another tenant's.
    id: 'research',
    displayName: 'Research',
    pattern: 'shared',
    emailDomains: ['research.umbrella.example'],
    idp: { name: 'ResearchIdP', metadataUrl: 'https://idp.research.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
  {
    id: 'initech',
    displayName: 'Initech',
    pattern: 'dedicated',
    hosts: ['initech.app.example.com'],
    emailDomains: ['initech.com'],
    idp: { name: 'InitechIdP', metadataUrl: 'https://idp.initech.example/metadata' },
    groups: { prefixes: ['tps-'] },
    pool: { domainPrefix: 'initech-it' },
  },
]);

let db: DynamoDbLocal;
let lambda: LambdaInvokeServer;
let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
const pools = { shared: '', initech: '' };
const clients = { shared: '', initech: '' };

const pool = (userPoolId: string, clientId: string) => ({
  userPoolId,
  clientId,
  cognitoDomain: 'localhost',
  issuer: `${cognito.endpoint}/${userPoolId}`,
});

beforeAll(async () => {
  const bundle = await builtBundle();
  db = await startDynamoDbLocal();
  await createTenantTable(localDynamoDbClient(db.endpoint), TABLE);
  // The environment is set once the pools exist (their ids are only known then).
  lambda = await startLambdaInvokeServer({ functions: { 'pre-token-gen': { bundle, timeoutMs: 5000 } } });
  cognito = await startCognitoLocal({ lambdaEndpoint: lambda.url });
  client = localCognitoClient(cognito.endpoint);
  pools.shared = await createUserPool(client, 'shared-it');
  pools.initech = await createUserPool(client, 'initech-it');
  clients.shared = await createAppClient(client, pools.shared);
  clients.initech = await createAppClient(client, pools.initech);

  const { items } = registryEntries(environment, {
    sharedPools: { 'shared-00': pool(pools.shared, clients.shared) },
    dedicatedPools: { initech: pool(pools.initech, clients.initech) },
  });
  await putTenantItems(
    localDynamoDbClient(db.endpoint),
    TABLE,
    items.map((entry) => entry.item),
  );
  lambda.updateFunction('pre-token-gen', {
    environment: {
      TENANT_TABLE_NAME: TABLE,
      SHARED_USER_POOL_IDS: pools.shared,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      COGNITO_LOCAL_COMPAT: 'true',
      // The Invoke API server says "AWS_Lambda_nodejs22.x", where the switch is refused.
      AWS_EXECUTION_ENV: 'cognito-tenancy-local',
      POWERTOOLS_SERVICE_NAME: 'pre-token-gen',
    },
  });
}, 60_000);

afterAll(async () => {
  await cognito?.close();
  await lambda?.close();
  await db?.close();
});

/** A user of the IdP (or, without a provider, a native user) in `userPool`, with the test password. */
type TestUser = Omit<Parameters<typeof createDemoUser>[1], 'userPoolId' | 'password'>;

async function signIn(userPool: 'shared' | 'initech', user: TestUser) {
  const username = await createDemoUser(client, { ...user, userPoolId: pools[userPool], password: PASSWORD });
  return signInWithPassword(client, clients[userPool], username, PASSWORD);
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserLambdaValidationException);
  return error as Error;
}

describe('pre-token-gen behind cognito-local', () => {
  it('issues an ID token bound to the IdP’s tenant, with the filtered groups', async () => {
    const tokens = await signIn('shared', {
      providerName: 'AcmeIdP',
      userId: 'bob',
      email: 'Bob@Acme.com',
      groups: '[app-readers, CN=Admins,OU=X, Globex-Admins, Users]',
      // Written by an attacker through an app client: overridden.
      attributes: { 'custom:tenantName': 'globex', 'custom:domainName': 'globex.com' },
    });
    const id = decodeJwtPayload(tokens.IdToken ?? '');
    expect(id).toMatchObject({
      iss: `${cognito.endpoint}/${pools.shared}`,
      token_use: 'id',
      'cognito:username': 'AcmeIdP_bob',
      'custom:tenantName': 'acme',
      'custom:domainName': 'acme.com',
      'cognito:groups': ['app-readers', 'CN=Admins,OU=X'],
    });

    // A refresh runs the trigger again (TokenGeneration_RefreshTokens) with the same outcome.
    const refreshed = await client.send(
      new InitiateAuthCommand({
        ClientId: clients.shared,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' },
      }),
    );
    expect(decodeJwtPayload(refreshed.AuthenticationResult?.IdToken ?? '')).toMatchObject({
      'custom:tenantName': 'acme',
      'cognito:groups': ['app-readers', 'CN=Admins,OU=X'],
    });
  }, 20_000);

  it('binds a dedicated pool’s user to the pool’s tenant', async () => {
    const tokens = await signIn('initech', {
      providerName: 'InitechIdP',
      userId: 'peter',
      email: 'peter@initech.com',
      groups: 'tps-reports',
    });
    expect(decodeJwtPayload(tokens.IdToken ?? '')).toMatchObject({
      'custom:tenantName': 'initech',
      'custom:domainName': 'initech.com',
      'cognito:groups': ['tps-reports'],
    });
  }, 20_000);

  it('refuses tokens to a user whose IdP is not in the registry, with a generic message', async () => {
    const error = await refusal(
      signIn('shared', {
        providerName: 'UnknownIdP',
        userId: 'mallory',
        email: 'mallory@acme.com',
        attributes: { 'custom:tenantName': 'acme' },
      }),
    );
    expect(error.message).toContain('Sign-in could not be completed.');
    expect(error.message).not.toMatch(/tenants-it|UnknownIdP|acme|mallory/);
  }, 20_000);

  it.each<[string, TestUser]>([
    [
      'a tenant A IdP asserting a tenant B address',
      { providerName: 'AcmeIdP', userId: 'eve', email: 'eve@globex.com' },
    ],
    [
      'a native user of the shared pool (no identity to bind)',
      { email: 'native@acme.com', attributes: { 'custom:tenantName': 'acme' } },
    ],
    [
      'the parent tenant’s IdP an address in a subdomain registered to another tenant',
      { providerName: 'UmbrellaIdP', userId: 'carl', email: 'carl@x.research.umbrella.example' },
    ],
  ])(
    'refuses %s',
    async (_, user) => {
      await refusal(signIn('shared', user));
    },
    20_000,
  );

  it('binds a user of an opted-in subdomain (as tenant-match found them) to the parent’s tenant', async () => {
    const tokens = await signIn('shared', {
      providerName: 'UmbrellaIdP',
      userId: 'ada',
      email: 'ada@lab.umbrella.example',
    });
    expect(decodeJwtPayload(tokens.IdToken ?? '')).toMatchObject({
      'custom:tenantName': 'umbrella',
      'custom:domainName': 'lab.umbrella.example',
    });
  }, 20_000);

  it('logged reason codes, never emails', async () => {
    const logs = lambda.logs('pre-token-gen').join('\n');
    expect(logs).toContain('"reason":"tenant-bound"');
    expect(logs).toContain('"triggerSource":"TokenGeneration_RefreshTokens"');
    expect(logs).toContain('"reason":"unknown-tenant"');
    expect(logs).toContain('"reason":"email-domain-mismatch"');
    expect(logs).toContain('"reason":"no-identity"');
    expect(logs).not.toMatch(/@acme\.com|@globex\.com|@initech\.com|umbrella\.example|bob|mallory/i);
  });
});
