/**
 * Section 3: the discovery functions, through their own `createHandler` with counting
 * store clients. Warm-cache latency per call (known and unknown tenant, both answered
 * from the cache) against a floor doing the least any handler must do (one map lookup,
 * one JSON answer); then a burst of 1,000 concurrent requests for 10 known tenants and
 * one for 1,000 distinct unknown ones, counting store calls and their peak concurrency.
 */
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { domainItemKey, hostParameterName } from '@cognito-tenancy/registry/keys';
import type { DomainItem, HostRecord } from '@cognito-tenancy/registry/records';
import { loadConfig as loadResolverConfig } from '../../packages/config-resolver/src/config';
import { createHandler as createResolver } from '../../packages/config-resolver/src/create-handler';
import { loadConfig as loadMatchConfig } from '../../packages/tenant-match/src/config';
import { createHandler as createMatch } from '../../packages/tenant-match/src/create-handler';
import { MAX_PARENT_LOOKUPS } from '../../packages/tenant-match/src/match-tenant';
import { type Contender, compare, type Measurement, type MeasureOptions } from './measure';
import { type CallStats, CountingDynamoDb, CountingSsm, countingLogger } from './store-fakes';

const PREFIX = '/cognito-tenancy/bench';
/** The SDK client type config-resolver takes (the counting fake stands in for it). */
type ResolverSsm = Parameters<typeof createResolver>[0]['ssm'];
/** Simulated store round trip, so concurrent requests overlap as they would in Lambda. */
const STORE_DELAY_MS = 2;
export const BURST = 1000;
export const KNOWN_TENANTS = 10;

export interface Burst {
  readonly requests: number;
  readonly distinctKeys: number;
  readonly store: CallStats;
  /** Answers by HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface LookupResults {
  readonly name: 'config-resolver' | 'tenant-match';
  readonly floor: Measurement;
  readonly known: Measurement;
  readonly unknown: Measurement;
  readonly knownBurst: Burst;
  readonly unknownBurst: Burst;
  /** The designed bound on store calls during a burst of distinct unknown keys, and the rule. */
  readonly unknownBound: Bound;
  /** Extra adversarial burst (tenant-match: deep subdomains, each with parent lookups). */
  readonly deepBurst?: Burst;
}

/** What the design promises for a burst: calls in flight at once and, if bounded, calls in all. */
export interface Bound {
  readonly peakInFlight: number;
  readonly calls: number | undefined;
  readonly rule: string;
}

type Handler = (event: unknown) => Promise<{ statusCode: number }>;

const id = (i: number) => `t${String(i).padStart(4, '0')}`;

async function burst(
  handler: Handler,
  events: readonly unknown[],
  client: CountingSsm | CountingDynamoDb,
  distinctKeys: number,
): Promise<Burst> {
  client.reset();
  const results = await Promise.all(events.map((event) => handler(event)));
  const statuses: Record<string, number> = {};
  for (const { statusCode } of results) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  return {
    requests: events.length,
    distinctKeys,
    store: client.stats(),
    statuses,
  };
}

function floorOf(records: ReadonlyMap<string, unknown>, key: string): () => unknown {
  return () => ({ statusCode: 200, body: JSON.stringify(records.get(key)) });
}

function hostRecord(i: number): HostRecord {
  return {
    tenantId: id(i),
    pattern: 'dedicated',
    region: 'eu-west-1',
    userPoolId: `eu-west-1_Bench${id(i)}`,
    clientId: `${id(i)}webclient`,
    cognitoDomain: `${id(i)}.auth.eu-west-1.amazoncognito.com`,
    identityProvider: `${id(i)}-saml`,
    redirectUri: `https://${id(i)}.app.example.com/callback`,
  };
}

function resolverEvent(host: string) {
  return {
    httpMethod: 'GET',
    path: '/config',
    headers: {},
    requestContext: { domainName: host, stage: 'prod' },
  };
}

/** config-resolver: `GET /config` by the request's custom domain. */
export async function benchConfigResolver(options: MeasureOptions): Promise<LookupResults> {
  const config = loadResolverConfig({ REGISTRY_PREFIX: PREFIX });
  const ssm = new CountingSsm(STORE_DELAY_MS);
  const records = new Map<string, HostRecord>();
  for (let i = 0; i < KNOWN_TENANTS; i++) {
    const host = `${id(i)}.app.example.com`;
    records.set(host, hostRecord(i));
    ssm.parameters.set(hostParameterName(PREFIX, host), JSON.stringify(hostRecord(i)));
  }
  const hosts = [...records.keys()];
  const handler = createResolver({
    config,
    ssm: ssm as unknown as ResolverSsm,
    logger: countingLogger(),
  }) as Handler;
  const knownBurst = await burst(
    handler,
    Array.from({ length: BURST }, (_, i) => resolverEvent(hosts[i % hosts.length] as string)),
    ssm,
    hosts.length,
  );
  // A fresh instance for the unknown burst: its budget and cache are those of a cold instance.
  const coldHandler = createResolver({
    config,
    ssm: ssm as unknown as ResolverSsm,
    logger: countingLogger(),
  }) as Handler;
  const unknownBurst = await burst(
    coldHandler,
    Array.from({ length: BURST }, (_, i) => resolverEvent(`u${id(i)}.app.example.com`)),
    ssm,
    BURST,
  );
  const known = resolverEvent(hosts[0] as string);
  const unknownHost = resolverEvent('nobody.app.example.com');
  await handler(unknownHost);
  const [floor, k, u] = await compare(
    [
      { name: 'floor', fn: floorOf(records, hosts[0] as string) },
      { name: 'known', fn: () => handler(known) },
      { name: 'unknown', fn: () => handler(unknownHost) },
    ] satisfies Contender[],
    options,
  );
  return {
    name: 'config-resolver',
    floor: floor as Measurement,
    known: k as Measurement,
    unknown: u as Measurement,
    knownBurst,
    unknownBurst,
    unknownBound: {
      peakInFlight: config.maxConcurrentLookups,
      calls: Math.min(config.maxConcurrentLookups, config.maxLookupsPerSecond),
      rule: `MAX_CONCURRENT_LOOKUPS (${config.maxConcurrentLookups}) loads in flight, MAX_LOOKUPS_PER_SECOND (${config.maxLookupsPerSecond}) token bucket`,
    },
  };
}

function domainItem(i: number): DomainItem {
  const { tenantId, pattern, region, userPoolId, clientId, cognitoDomain, identityProvider, redirectUri } =
    hostRecord(i);
  return {
    tenantId,
    displayName: `Tenant ${i}`,
    pattern,
    region,
    userPoolId,
    clientId,
    cognitoDomain,
    identityProvider,
    redirectUri,
    includeSubdomains: false,
  };
}

function matchEvent(email: string) {
  return {
    httpMethod: 'POST',
    path: '/tenant-match',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
    isBase64Encoded: false,
    requestContext: {},
  };
}

/** tenant-match: `POST /tenant-match` by the email's domain. */
export async function benchTenantMatch(options: MeasureOptions): Promise<LookupResults> {
  const config = loadMatchConfig({ TENANT_TABLE_NAME: 'bench-tenants' });
  const dynamodb = new CountingDynamoDb(STORE_DELAY_MS);
  const items = new Map<string, DomainItem>();
  for (let i = 0; i < KNOWN_TENANTS; i++) {
    const domain = `${id(i)}.example`;
    items.set(domain, domainItem(i));
    dynamodb.items.set(domainItemKey(domain).pk, {
      ...marshallItem({ ...domainItem(i) }),
      ...marshallItem(domainItemKey(domain)),
    });
  }
  const domains = [...items.keys()];
  const make = () =>
    createMatch({ config, dynamodb: dynamodb as never, logger: countingLogger() }) as Handler;
  const handler = make();
  const knownBurst = await burst(
    handler,
    Array.from({ length: BURST }, (_, i) => matchEvent(`user${i}@${domains[i % domains.length]}`)),
    dynamodb,
    domains.length,
  );
  const unknownBurst = await burst(
    make(),
    Array.from({ length: BURST }, (_, i) => matchEvent(`bob@corp${id(i)}.example`)),
    dynamodb,
    BURST,
  );
  const deepBurst = await burst(
    make(),
    Array.from({ length: BURST }, (_, i) => matchEvent(`bob@a.b.c.d.corp${id(i)}.example`)),
    dynamodb,
    BURST,
  );
  const known = matchEvent(`alice@${domains[0]}`);
  const unknown = matchEvent('alice@nobody.example');
  await handler(unknown);
  const [floor, k, u] = await compare(
    [
      { name: 'floor', fn: floorOf(items, domains[0] as string) },
      { name: 'known', fn: () => handler(known) },
      { name: 'unknown', fn: () => handler(unknown) },
    ],
    options,
  );
  const loads = config.cache.maxConcurrentLoads;
  return {
    name: 'tenant-match',
    floor: floor as Measurement,
    known: k as Measurement,
    unknown: u as Measurement,
    knownBurst,
    unknownBurst,
    unknownBound: {
      peakInFlight: loads,
      calls: undefined,
      rule: `CACHE_MAX_CONCURRENT_LOADS (${loads}) loads in flight, more misses fail fast (503); up to ${MAX_PARENT_LOOKUPS} parent lookups per name`,
    },
    deepBurst,
  };
}
