/** Section 3: config-resolver, `GET /config` by the request's custom domain. */
import { hostParameterName } from '@cognito-tenancy/registry/keys';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import { loadConfig } from '../../packages/config-resolver/src/config';
import { createHandler } from '../../packages/config-resolver/src/create-handler';
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
import { type Contender, compare, type Measurement, type MeasureOptions } from './measure';
import { CountingSsm, countingLogger } from './store-fakes';

const PREFIX = '/cognito-tenancy/bench';
/** The SDK client type config-resolver takes (the counting fake stands in for it). */
type ResolverSsm = Parameters<typeof createHandler>[0]['ssm'];

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
  const config = loadConfig({ REGISTRY_PREFIX: PREFIX });
  const ssm = new CountingSsm(STORE_DELAY_MS);
  const records = new Map<string, HostRecord>();
  for (let i = 0; i < KNOWN_TENANTS; i++) {
    const host = `${id(i)}.app.example.com`;
    records.set(host, hostRecord(i));
    ssm.parameters.set(hostParameterName(PREFIX, host), JSON.stringify(hostRecord(i)));
  }
  const hosts = [...records.keys()];
  const handler = createHandler({
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
  const coldHandler = createHandler({
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
