/**
 * A small registry world for tests: two dedicated tenants (acme, umbrella), a shared pool
 * with two tenant IdPs (globex, initech) and each one's own app client (client records; the
 * pool's issuer record lists only its common client), their hosts, keys generated per run, JWKS
 * served by a fake fetcher, and an unregistered "rogue" pool whose JWKS is served too
 * (so a test can prove it is never fetched).
 */
import { cognitoIssuer } from '@cognito-tenancy/registry/keys';
import type { HostRecord, IssuerRecord } from '@cognito-tenancy/registry/records';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { loadConfig } from '../../src/config';
import { createHandler } from '../../src/create-handler';
import { createAuthorizer } from '../../src/dependencies';
import { jwksUri } from '../../src/issuer';
import type { RevocationCheck } from '../../src/revocation';
import { FakeFetcher } from './fetcher';
import { key, type TestKey } from './keys';
import { RecordingLogger } from './logger';
import { FakeParameterStore } from './store';
import { nowSeconds, sign } from './tokens';

export const PREFIX = '/cognito-tenancy/test';
export const REGION = 'eu-west-1';
export const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/orders/42';
export const STAGE_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*';

export const ACME_POOL = 'eu-west-1_AcmePool1';
export const UMBRELLA_POOL = 'eu-west-1_UmbrellaPool1';
export const SHARED_POOL = 'eu-west-1_SharedPool1';
export const ROGUE_POOL = 'eu-west-1_RoguePool1';

export const issuerOf = (pool: string) => cognitoIssuer(REGION, pool);

export const POOLS = {
  [ACME_POOL]: { key: 'acme', clients: ['acmeweb1', 'acmeadmin2'], tenantId: 'acme' },
  [UMBRELLA_POOL]: { key: 'umbrella', clients: ['umbrellaweb1'], tenantId: 'umbrella' },
  [SHARED_POOL]: { key: 'shared', clients: ['sharedweb1'], tenantId: undefined },
  [ROGUE_POOL]: { key: 'rogue', clients: ['rogueweb1'], tenantId: 'rogue' },
} as const;

export type PoolId = keyof typeof POOLS;

/** The shared tenants' own app clients in the shared pool, bound to them by client records. */
export const OWN_CLIENTS = { globex: 'globexown1', initech: 'initechown1' } as const;

/** The client record binding `tenant`'s own client to it and its IdP (IdP name = tenant id here). */
export const ownClientRecord = (tenant: keyof typeof OWN_CLIENTS) => ({
  clientId: OWN_CLIENTS[tenant],
  userPoolId: SHARED_POOL,
  tenantId: tenant,
  providerName: tenant,
});

export const keyOf = (pool: PoolId): TestKey => key(POOLS[pool].key);

function hostRecord(tenantId: string, pool: string, clientId: string, idp: string): HostRecord {
  return {
    tenantId,
    pattern: pool === SHARED_POOL ? 'shared' : 'dedicated',
    region: REGION,
    userPoolId: pool,
    clientId,
    cognitoDomain: `${tenantId}.auth.eu-west-1.amazoncognito.com`,
    identityProvider: idp,
    redirectUri: `https://${tenantId}.app.example.com/callback`,
  };
}

export function issuerRecord(pool: PoolId): IssuerRecord {
  const p = POOLS[pool];
  const base = { issuer: issuerOf(pool), userPoolId: pool, region: REGION, clientIds: [...p.clients] };
  return p.tenantId === undefined
    ? { ...base, pattern: 'shared' }
    : { ...base, pattern: 'dedicated', tenantId: p.tenantId };
}

export interface WorldOptions {
  readonly env?: Record<string, string>;
  readonly now?: () => number;
  readonly revocation?: RevocationCheck;
  /** Write the issuer index (as infra does) listing the registered pools. */
  readonly issuerIndex?: boolean;
}

/** Builds the registry, key server, authorizer and handler. */
export function world(options: WorldOptions = {}) {
  const store = new FakeParameterStore(PREFIX)
    .putIssuer(issuerRecord(ACME_POOL))
    .putIssuer(issuerRecord(UMBRELLA_POOL))
    .putIssuer(issuerRecord(SHARED_POOL))
    .putProvider({ tenantId: 'globex', userPoolId: SHARED_POOL, providerName: 'globex' })
    .putProvider({ tenantId: 'initech', userPoolId: SHARED_POOL, providerName: 'initech' })
    .putClient(ownClientRecord('globex'))
    .putClient(ownClientRecord('initech'))
    .putHost('acme.app.example.com', hostRecord('acme', ACME_POOL, 'acmeweb1', 'acme-okta'))
    .putHost('umbrella.app.example.com', hostRecord('umbrella', UMBRELLA_POOL, 'umbrellaweb1', 'umbrella'))
    .putHost('globex.app.example.com', hostRecord('globex', SHARED_POOL, 'sharedweb1', 'globex'))
    .putHost('initech.app.example.com', hostRecord('initech', SHARED_POOL, 'sharedweb1', 'initech'));
  if (options.issuerIndex) store.putIssuerIndex([ACME_POOL, UMBRELLA_POOL, SHARED_POOL]);
  const fetcher = new FakeFetcher();
  for (const pool of Object.keys(POOLS) as PoolId[]) {
    fetcher.serveKeys(jwksUri(issuerOf(pool)), [keyOf(pool).jwk]);
  }
  const config = loadConfig({ REGISTRY_PREFIX: PREFIX, ...options.env });
  const logger = new RecordingLogger();
  const parts = createAuthorizer(config, {
    store,
    fetcher,
    ...(options.now ? { now: options.now } : {}),
    ...(options.revocation ? { revocation: options.revocation } : {}),
  });
  const handler = createHandler({
    authorizer: parts.requests,
    logger,
    policyScope: config.policyScope,
    deadlineMs: config.deadlineMs,
    ...(config.trustedHostHeader === undefined ? {} : { trustedHostHeader: config.trustedHostHeader }),
  });
  return { store, fetcher, config, logger, parts, handler };
}

export type World = ReturnType<typeof world>;

/** Claims of a Cognito access token of `pool` (valid for an hour from now). */
export function accessClaims(pool: PoolId, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a',
    iss: issuerOf(pool),
    client_id: POOLS[pool].clients[0],
    origin_jti: 'c6a2c1e4-8f7d-4f0e-9d1b-2a3b4c5d6e7f',
    event_id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
    token_use: 'access',
    scope: 'openid email',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: 'e7f8a9b0-c1d2-4e3f-a4b5-c6d7e8f9a0b1',
    username: pool === SHARED_POOL ? 'globex_bob@globex.com' : 'alice',
    'cognito:groups': pool === SHARED_POOL ? [`${SHARED_POOL}_globex`, 'Admins'] : ['Admins', 'CN=Ops,OU=X'],
    ...overrides,
  };
}

/** Claims of a Cognito ID token of `pool`. */
export function idClaims(pool: PoolId, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a',
    iss: issuerOf(pool),
    aud: POOLS[pool].clients[0],
    token_use: 'id',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    'cognito:username': pool === SHARED_POOL ? 'globex_bob@globex.com' : 'alice',
    email: 'bob@globex.com',
    ...(pool === SHARED_POOL
      ? {
          'cognito:groups': [`${SHARED_POOL}_globex`],
          identities: [{ providerName: 'globex', providerType: 'SAML', userId: 'bob@globex.com' }],
          'custom:tenantName': 'globex',
        }
      : {}),
    ...overrides,
  };
}

/** A token of `pool` signed with the pool's key. */
export function tokenOf(pool: PoolId, claims: Record<string, unknown> = accessClaims(pool)): string {
  return sign(claims, keyOf(pool));
}

/** A REST REQUEST authorizer event. */
export function requestEvent(
  authorization: string | undefined,
  host: string | undefined = 'acme.app.example.com',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    resource: '/{proxy+}',
    path: '/orders/42',
    httpMethod: 'GET',
    headers: { ...(authorization === undefined ? {} : { Authorization: authorization }), Host: host },
    requestContext: { domainName: host, stage: 'prod' },
    ...extra,
  };
}

/** A REST TOKEN authorizer event. */
export function tokenEvent(authorization: string): Record<string, unknown> {
  return { type: 'TOKEN', methodArn: METHOD_ARN, authorizationToken: authorization };
}

export type Decided =
  | { readonly kind: 'allow'; readonly result: APIGatewayAuthorizerResult }
  | { readonly kind: 'deny'; readonly result: APIGatewayAuthorizerResult }
  | { readonly kind: 'unauthorized' };

/**
 * Runs the handler and classifies the answer. Anything other than an Allow policy, a Deny
 * policy or an error that is exactly `Error('Unauthorized')` fails the test.
 */
export async function decide(
  handler: (event: unknown) => Promise<APIGatewayAuthorizerResult>,
  event: unknown,
) {
  let result: APIGatewayAuthorizerResult;
  try {
    result = await handler(event);
  } catch (error) {
    if (!(error instanceof Error) || error.message !== 'Unauthorized' || error.constructor !== Error) {
      throw new Error(`handler leaked something other than Unauthorized: ${String(error)}`);
    }
    return { kind: 'unauthorized' } as Decided;
  }
  const effect =
    result.policyDocument.Statement[0] && 'Effect' in result.policyDocument.Statement[0]
      ? result.policyDocument.Statement[0].Effect
      : undefined;
  if (result.policyDocument.Statement.length !== 1) throw new Error('expected exactly one statement');
  if (effect === 'Allow') return { kind: 'allow', result } as Decided;
  if (effect === 'Deny') return { kind: 'deny', result } as Decided;
  throw new Error(`unexpected policy effect ${String(effect)}`);
}

/** Bearer header for a token. */
export const bearer = (token: string) => `Bearer ${token}`;

/** A REQUEST event carrying `Bearer <token>` (on the acme host unless `host` is given). */
export const bearerEvent = (token: string, host?: string) => requestEvent(bearer(token), host);
