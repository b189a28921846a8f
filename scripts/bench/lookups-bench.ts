/**
 * Section 3, shared parts: the discovery functions (config-resolver, tenant-match) run
 * through their own `createHandler` with counting store clients. Warm-cache latency per
 * call (known and unknown tenant, both answered from the cache) against a floor doing the
 * least any handler must do (one map lookup, one JSON answer); then a burst of 1,000
 * concurrent requests for 10 known tenants and one for 1,000 distinct unknown ones,
 * counting store calls and their peak concurrency.
 */
import type { HostRecord } from '@cognito-tenancy/registry/records';
import type { Measurement } from './measure';
import type { CallStats, CountingDynamoDb, CountingSsm } from './store-fakes';

/** Simulated store round trip, so concurrent requests overlap as they would in Lambda. */
export const STORE_DELAY_MS = 2;
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

export type Handler = (event: unknown) => Promise<{ statusCode: number }>;

/** `t0007`: tenant ids, hosts and domains of the generated tenants. */
export const id = (i: number) => `t${String(i).padStart(4, '0')}`;

/** Starts every request at once and awaits them all, counting store calls and answers. */
export async function burst(
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

/** The least a handler must do: one map lookup and one JSON answer. */
export function floorOf(records: ReadonlyMap<string, unknown>, key: string): () => unknown {
  return () => ({ statusCode: 200, body: JSON.stringify(records.get(key)) });
}

/** The host record of generated tenant `i`, as infra writes it. */
export function hostRecord(i: number): HostRecord {
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
