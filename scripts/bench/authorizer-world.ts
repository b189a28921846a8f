/**
 * The authorizer as it runs warm in a Lambda, with N registered pools: its real
 * `createAuthorizer` + `createHandler` over an in-memory Parameter Store (issuer and host
 * records written with the registry's key layout) and an in-memory JWKS fetcher. A warm-up
 * request per pool loads the registry and key caches, as the first requests of a warm
 * instance would; both stores count calls, so the bench can show the measured path makes
 * none.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  clientParameterName,
  cognitoIssuer,
  hostParameterName,
  ISSUER_INDEX_SHARD_SIZE,
  issuerIndexParameterName,
  issuerParameterName,
  providerParameterName,
} from '@cognito-tenancy/registry/keys';
import type {
  ClientRecord,
  HostRecord,
  IssuerRecord,
  ProviderRecord,
} from '@cognito-tenancy/registry/records';
import { loadConfig } from '../../packages/authorizer/src/config';
import { type AuthorizerHandler, createHandler } from '../../packages/authorizer/src/create-handler';
import { createAuthorizer } from '../../packages/authorizer/src/dependencies';
import type { KeySetFetcher } from '../../packages/authorizer/src/jwks-cache';
import type { AuthorizerLogger, LogFields } from '../../packages/authorizer/src/logger';
import type { ParameterStore, RegistryReader } from '../../packages/authorizer/src/registry-reader';
import { createRevocationCheck } from '../../packages/authorizer/src/revocation-store';
import { accessTokenClaims, type SigningKey, signJwt } from './rs256-fixtures';
import { CountingDynamoDb } from './store-fakes';

/** The DynamoDB client type the revocation store takes (the counting fake stands in for it). */
type RevocationClient = Parameters<typeof createRevocationCheck>[0]['client'];

export const PREFIX = '/cognito-tenancy/bench';
export const REGION = 'eu-west-1';
const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/orders/42';

/** One registered dedicated pool and what a request to it carries. */
export interface BenchPool {
  readonly userPoolId: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly tenantId: string;
  readonly host: string;
  readonly key: SigningKey;
}

/** Pool `i` of a bench world; keys are shared round-robin (RSA key generation is slow). */
export function benchPool(i: number, keys: readonly SigningKey[]): BenchPool {
  const id = `t${String(i).padStart(4, '0')}`;
  const userPoolId = `${REGION}_Bench${id}`;
  const base = keys[i % keys.length] as SigningKey;
  return {
    userPoolId,
    issuer: cognitoIssuer(REGION, userPoolId),
    clientId: `${id}webclient`,
    tenantId: id,
    host: `${id}.app.example.com`,
    // Same key material, a kid of the pool's own: each pool has its own key set entry.
    key: { ...base, kid: `${id}-key1`, jwk: { ...base.jwk, kid: `${id}-key1` } },
  };
}

/** Parameter Store reads from a map, counted, each after `delayMs` (0: none). */
export class MemoryParameterStore implements ParameterStore {
  readonly values = new Map<string, string>();
  calls = 0;
  /** Names read one by one (`GetParameter`), for the flood check. */
  readonly singleNames: string[] = [];
  delayMs = 0;

  async getParameter(name: string): Promise<string | undefined> {
    this.calls++;
    this.singleNames.push(name);
    if (this.delayMs > 0) await sleep(this.delayMs);
    return this.values.get(name);
  }

  async getParameters(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    this.calls++;
    if (this.delayMs > 0) await sleep(this.delayMs);
    const found = new Map<string, string>();
    for (const name of names) {
      const value = this.values.get(name);
      if (value !== undefined) found.set(name, value);
    }
    return found;
  }
}

/** JWKS bodies from a map, counted. */
export class MemoryFetcher implements KeySetFetcher {
  readonly bodies = new Map<string, string>();
  calls = 0;

  async fetch(uri: string): Promise<ArrayBuffer> {
    this.calls++;
    const body = this.bodies.get(uri);
    if (body === undefined) throw new Error(`no JWKS at ${uri}`);
    return new TextEncoder().encode(body).buffer as ArrayBuffer;
  }
}

/** A REST `REQUEST` authorizer event for `token` on `host`. */
export function requestEvent(token: string, host: string): Record<string, unknown> {
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    resource: '/{proxy+}',
    path: '/orders/42',
    httpMethod: 'GET',
    headers: { Authorization: `Bearer ${token}`, Host: host },
    requestContext: { domainName: host, stage: 'prod' },
  };
}

/** A fresh access token for `pool` (a new `jti`, so a new string each call). */
export function poolToken(pool: BenchPool, extra: Record<string, unknown> = {}): string {
  return signJwt(pool.key, accessTokenClaims(pool.issuer, pool.clientId, extra));
}

/** The identity provider of the pool's tenant (also its host record's `identityProvider`). */
export const benchIdp = (pool: BenchPool) => `${pool.tenantId}-saml`;

/**
 * An access token of the pool's tenant when the pool is a shard of the shared pool (world
 * option `ownClient`): its own app client, its IdP named by the group and the username
 * Cognito gives federated users.
 */
export function ownClientToken(pool: BenchPool): string {
  const idp = benchIdp(pool);
  return poolToken(pool, { username: `${idp}_bob`, 'cognito:groups': [`${pool.userPoolId}_${idp}`] });
}

export interface AuthorizerWorld {
  readonly pools: readonly BenchPool[];
  readonly handler: AuthorizerHandler;
  readonly store: MemoryParameterStore;
  readonly fetcher: MemoryFetcher;
  /** The handler's registry reader (its read counts). */
  readonly registry: RegistryReader;
  /** Reads of the revocations table (none unless `signOutCheck`). */
  readonly revocations: CountingDynamoDb;
  /** Log lines the handler wrote (counted, not formatted). */
  readonly logLines: () => number;
  /** Fields of the last log line (its `reason` and `cache`). */
  readonly lastLog: () => LogFields | undefined;
}

export interface WorldOptions {
  readonly pools: number;
  readonly keys: readonly SigningKey[];
  /** Authorizer environment on top of `REGISTRY_PREFIX` (e.g. `VERIFIED_TOKEN_TTL_SECONDS`). */
  readonly env?: Record<string, string>;
  /** Milliseconds since the epoch (to move time past a token's expiry). */
  readonly now?: () => number;
  /** Where decisions are logged besides the counter (e.g. the shipped JSON line logger). */
  readonly logger?: AuthorizerLogger;
  /**
   * The forced sign-out check as deployed (infra sets REVOCATION_TABLE_NAME whenever the
   * revocations table exists): the authorizer's own revocation store over a counting table
   * holding no revocation, with its default 30 s per-user cache.
   */
  readonly signOutCheck?: boolean;
  /** Leave out the issuer index infra writes (an older deployment); written by default. */
  readonly withoutIssuerIndex?: boolean;
  /**
   * Each pool is a shard of the shared pool whose one tenant signs in through its own app
   * client (issue #21): the issuer record lists only the shard's common client, a provider
   * and a client record bind the tenant. Send {@link ownClientToken}s.
   */
  readonly ownClient?: boolean;
}

/** The records of `pool` as a shared-pool shard whose tenant has its own client `pool.clientId`. */
function ownClientRecords(pool: BenchPool): ReadonlyMap<string, object> {
  const idp = benchIdp(pool);
  const issuer: IssuerRecord = {
    issuer: pool.issuer,
    userPoolId: pool.userPoolId,
    region: REGION,
    clientIds: [`${pool.tenantId}sharedclient`],
    pattern: 'shared',
  };
  const provider: ProviderRecord = {
    tenantId: pool.tenantId,
    userPoolId: pool.userPoolId,
    providerName: idp,
  };
  const client: ClientRecord = { ...provider, clientId: pool.clientId };
  return new Map<string, object>([
    [issuerParameterName(PREFIX, pool.userPoolId), issuer],
    [providerParameterName(PREFIX, pool.userPoolId, idp), provider],
    [clientParameterName(PREFIX, pool.userPoolId, pool.clientId), client],
  ]);
}

/** Writes the issuer index listing `userPoolIds`, as infra does (registryEntries). */
export function writeIssuerIndex(store: MemoryParameterStore, userPoolIds: readonly string[]): void {
  const shards = Math.max(1, Math.ceil(userPoolIds.length / ISSUER_INDEX_SHARD_SIZE));
  for (let shard = 0; shard < shards; shard++) {
    const ids = userPoolIds.slice(shard * ISSUER_INDEX_SHARD_SIZE, (shard + 1) * ISSUER_INDEX_SHARD_SIZE);
    store.values.set(
      issuerIndexParameterName(PREFIX, shard),
      JSON.stringify({ shard, shards, userPoolIds: ids }),
    );
  }
}

/** Builds the handler over `pools` registered dedicated pools. */
export function authorizerWorld(options: WorldOptions): AuthorizerWorld {
  const pools = Array.from({ length: options.pools }, (_, i) => benchPool(i, options.keys));
  const store = new MemoryParameterStore();
  const fetcher = new MemoryFetcher();
  for (const pool of pools) {
    const issuer: IssuerRecord = {
      issuer: pool.issuer,
      userPoolId: pool.userPoolId,
      region: REGION,
      clientIds: [pool.clientId],
      pattern: 'dedicated',
      tenantId: pool.tenantId,
    };
    const host: HostRecord = {
      tenantId: pool.tenantId,
      pattern: options.ownClient ? 'shared' : 'dedicated',
      region: REGION,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      cognitoDomain: `${pool.tenantId}.auth.${REGION}.amazoncognito.com`,
      identityProvider: benchIdp(pool),
      redirectUri: `https://${pool.host}/callback`,
    };
    store.values.set(issuerParameterName(PREFIX, pool.userPoolId), JSON.stringify(issuer));
    if (options.ownClient)
      for (const [name, record] of ownClientRecords(pool)) store.values.set(name, JSON.stringify(record));
    store.values.set(hostParameterName(PREFIX, pool.host), JSON.stringify(host));
    fetcher.bodies.set(`${pool.issuer}/.well-known/jwks.json`, JSON.stringify({ keys: [pool.key.jwk] }));
  }
  if (!options.withoutIssuerIndex)
    writeIssuerIndex(
      store,
      pools.map((pool) => pool.userPoolId),
    );
  const config = loadConfig({ REGISTRY_PREFIX: PREFIX, ...options.env });
  const revocations = new CountingDynamoDb(0);
  const revocation = options.signOutCheck
    ? createRevocationCheck({
        client: revocations as unknown as RevocationClient,
        tableName: 'bench-revocations',
        cacheTtlMs: 30_000,
        staleIfErrorMs: 300_000,
        loadTimeoutMs: 3_000,
        ...(options.now ? { now: options.now } : {}),
      })
    : undefined;
  const parts = createAuthorizer(config, {
    store,
    fetcher,
    ...(options.now ? { now: options.now } : {}),
    ...(revocation ? { revocation } : {}),
  });
  let lines = 0;
  let last: LogFields | undefined;
  const sink = options.logger;
  const count =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields: LogFields): void => {
      lines++;
      last = fields;
      sink?.[level]?.(message, fields);
    };
  const handler = createHandler({
    authorizer: parts.requests,
    // Debug too: verified-token cache hits are logged at DEBUG (the shipped logger drops them at INFO).
    logger: { debug: count('debug'), info: count('info'), warn: count('warn'), error: count('error') },
    policyScope: config.policyScope,
    deadlineMs: config.deadlineMs,
  });
  return {
    pools,
    handler,
    store,
    fetcher,
    registry: parts.registry,
    revocations,
    logLines: () => lines,
    lastLog: () => last,
  };
}

/** True when `result` is an Allow policy (the bench refuses to time denials). */
export function isAllow(result: unknown): boolean {
  const statement = (result as { policyDocument?: { Statement?: Array<{ Effect?: string }> } })
    ?.policyDocument?.Statement?.[0];
  return statement?.Effect === 'Allow';
}

/**
 * Events for every pool of a world, each with its own token, sent once each in turn (the
 * warm-up); throws unless every one was allowed.
 */
export async function poolEvents(world: AuthorizerWorld, tokens: readonly string[]) {
  const events = world.pools.map((pool, i) => requestEvent(tokens[i] as string, pool.host));
  for (const event of events) {
    if (!isAllow(await world.handler(event))) throw new Error('bench request was not allowed');
  }
  return events;
}
