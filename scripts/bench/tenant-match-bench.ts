/** Section 3: tenant-match, `POST /tenant-match` by the email's domain. */
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { domainItemKey } from '@cognito-tenancy/registry/keys';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import { loadConfig } from '../../packages/tenant-match/src/config';
import { createHandler } from '../../packages/tenant-match/src/create-handler';
import { MAX_PARENT_LOOKUPS } from '../../packages/tenant-match/src/match-tenant';
import {
  BURST,
  burst,
  floorOf,
  type Handler,
  hostRecord,
  id,
  KNOWN_TENANTS,
  type LookupResults,
  STORE_DELAY_MS,
} from './lookups-bench';
import { compare, type Measurement, type MeasureOptions } from './measure';
import { CountingDynamoDb, countingLogger } from './store-fakes';

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
  const config = loadConfig({ TENANT_TABLE_NAME: 'bench-tenants' });
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
    createHandler({ config, dynamodb: dynamodb as never, logger: countingLogger() }) as Handler;
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
