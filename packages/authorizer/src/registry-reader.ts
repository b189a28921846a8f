/**
 * The authorizer's view of the tenant registry: issuer, provider, client and host records read
 * from Parameter Store through the shared key layout and record parsers, each behind the
 * shared TTL cache (positive and negative entries, coalesced misses, stale-if-error).
 * Any store failure or damaged record is a {@link RegistryUnavailableError}.
 *
 * Issuer lookups are the only reads a request can cause before its signature is checked,
 * so they are split by the issuer index (issuer-index.ts):
 * - a pool the index lists (registered) is loaded in a batch, with up to 9 other listed
 *   pools not cached yet read ahead in the same `GetParameters` call, and never metered;
 * - any other pool (unknown, or registered after the index was read) costs one token of
 *   the issuer lookup budget, and a miss beyond the budget fails closed without a read.
 * Host records are loaded in batches too. Provider and client records (only after the
 * signature is checked) share their own batches: a shared-pool token of a tenant's own app
 * client asks for both at once, so a fresh one costs one `GetParameters` call, as a
 * token of the pool's common client does for its provider record alone.
 */
import {
  clientParameterName,
  hostParameterName,
  issuerParameterName,
  providerParameterName,
} from '@cognito-tenancy/registry/keys';
import {
  type ClientRecord,
  type HostRecord,
  type IssuerRecord,
  type ProviderRecord,
  parseClientRecord,
  parseHostRecord,
  parseIssuerRecord,
  parseProviderRecord,
  RecordFormatError,
} from '@cognito-tenancy/registry/records';
import type { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { RegistryUnavailableError } from './errors';
import { type IssuerIndex, readIssuerIndex } from './issuer-index';
import { chain, type MaybePromise } from './maybe-promise';
import { GET_PARAMETERS_BATCH, ParameterBatcher } from './parameter-batcher';

/** The few Parameter Store reads the authorizer makes. */
export interface ParameterStore {
  /** The value of `name`, or `undefined` when the parameter does not exist. */
  getParameter(name: string): Promise<string | undefined>;
  /** Values of up to 10 parameters; names that do not exist are absent from the map. */
  getParameters(names: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export interface RegistryReaderOptions {
  readonly prefix: string;
  readonly ttlMs: number;
  readonly negativeTtlMs: number;
  readonly staleIfErrorMs: number;
  /** Upper bound on one load, whatever the SDK's own timeouts do. */
  readonly loadTimeoutMs: number;
  /**
   * Bounds loads of issuers the index does not list: a miss past it fails closed
   * without a read. Unbounded when absent.
   */
  readonly issuerBudget?: TokenBucket;
  readonly now?: () => number;
}

/** What the reader has done, for the bench and the logs. */
export interface RegistryReads {
  readonly getParameter: number;
  readonly getParameters: number;
  /** Issuer misses refused because the budget for unlisted pools was spent. */
  readonly budgetRefusals: number;
}

// SSM's quota is shared by the whole account (40 TPS by default): provider loads, client
// loads and loads of unlisted issuers run at most this many at once per instance each (more
// fail fast), batched reads at most BATCHES_IN_FLIGHT calls per batcher.
const MAX_CONCURRENT_LOADS = 16;
const BATCHES_IN_FLIGHT = 4;
// Registered pools (quota: 1,000 per account) and hosts may all miss at once on a cold
// instance; they wait for a batch instead of failing. Beyond this, misses fail fast.
const MAX_WAITING = 5000;
const INDEX_KEY = 'index';

/** How to read one kind of binding record (provider or client) of a shared pool. */
interface BindingKind<V> {
  /** The field that must equal the name the record is filed under. */
  readonly idField: keyof V & string;
  readonly parameterName: (prefix: string, userPoolId: string, id: string) => string;
  readonly parse: (value: unknown) => V;
}

const BINDINGS = {
  provider: { idField: 'providerName', parameterName: providerParameterName, parse: parseProviderRecord },
  client: { idField: 'clientId', parameterName: clientParameterName, parse: parseClientRecord },
} as const;

function parseJson<T>(raw: string | undefined, parse: (value: unknown) => T): T | undefined {
  return raw === undefined ? undefined : parse(JSON.parse(raw));
}

/** Reads registry records with caching; see the module comment. */
export class RegistryReader {
  private readonly issuers: TtlCache<IssuerRecord>;
  private readonly providers: TtlCache<ProviderRecord>;
  private readonly clients: TtlCache<ClientRecord>;
  private readonly hosts: TtlCache<HostRecord>;
  private readonly index: TtlCache<IssuerIndex>;
  private readonly issuerBatches: ParameterBatcher;
  private readonly hostBatches: ParameterBatcher;
  private readonly bindingBatches: ParameterBatcher;
  private readonly store: ParameterStore;
  private singleReads = 0;
  private batchReads = 0;
  private budgetRefusals = 0;
  private readonly meteredLoads = new Map<string, Promise<IssuerRecord | undefined>>();
  private readAheadCursor = 0;

  constructor(
    store: ParameterStore,
    private readonly options: RegistryReaderOptions,
  ) {
    const cache = <V>(maxEntries: number, maxConcurrentLoads: number) =>
      new TtlCache<V>({
        ttlMs: options.ttlMs,
        negativeTtlMs: options.negativeTtlMs,
        staleIfErrorMs: options.staleIfErrorMs,
        maxEntries,
        maxConcurrentLoads,
        loadTimeoutMs: options.loadTimeoutMs,
        ...(options.now ? { now: options.now } : {}),
      });
    this.issuers = cache(2000, MAX_WAITING);
    this.providers = cache(5000, MAX_CONCURRENT_LOADS);
    this.clients = cache(5000, MAX_CONCURRENT_LOADS);
    this.hosts = cache(5000, MAX_WAITING);
    this.index = cache(1, 1);
    // Every read is counted, for the bench and tests (reads()).
    this.store = {
      getParameter: (name) => {
        this.singleReads++;
        return store.getParameter(name);
      },
      getParameters: (names) => {
        this.batchReads++;
        return store.getParameters(names);
      },
    };
    this.issuerBatches = new ParameterBatcher(this.store, {
      maxInFlight: BATCHES_IN_FLIGHT,
      maxWaiting: MAX_WAITING,
      prefetch: {
        names: (room, taken) => this.readAhead(room, taken),
        found: (name, value) => this.readAheadFound(name, value),
      },
    });
    this.hostBatches = new ParameterBatcher(this.store, {
      maxInFlight: BATCHES_IN_FLIGHT,
      maxWaiting: MAX_WAITING,
    });
    // Provider and client loads are bounded by their caches (MAX_CONCURRENT_LOADS each).
    this.bindingBatches = new ParameterBatcher(this.store, {
      maxInFlight: BATCHES_IN_FLIGHT,
      maxWaiting: 2 * MAX_CONCURRENT_LOADS,
    });
  }

  /** Calls made to the store so far. */
  reads(): RegistryReads {
    return {
      getParameter: this.singleReads,
      getParameters: this.batchReads,
      budgetRefusals: this.budgetRefusals,
    };
  }

  /** The issuer record of a user pool, or `undefined` when the pool is not registered. */
  issuer(userPoolId: string): MaybePromise<IssuerRecord | undefined> {
    const fresh = this.issuers.peek(userPoolId);
    if (fresh) return fresh.value;
    return chain(this.listed(userPoolId), (listed) =>
      listed
        ? this.read(this.issuers, userPoolId, async () =>
            this.checkedIssuer(userPoolId, await this.issuerBatches.read(this.issuerName(userPoolId))),
          )
        : this.meteredIssuer(userPoolId),
    );
  }

  /**
   * A pool the index does not list: one read, paid from the budget and bounded in
   * concurrency, both checked before the cache is asked, so refused pools occupy nothing.
   * Concurrent misses of one pool share its read and its token.
   */
  private meteredIssuer(userPoolId: string): MaybePromise<IssuerRecord | undefined> {
    const pending = this.meteredLoads.get(userPoolId);
    if (pending) return pending;
    if (this.meteredLoads.size >= MAX_CONCURRENT_LOADS) {
      throw new RegistryUnavailableError('too many issuer lookups at once');
    }
    if (this.options.issuerBudget?.take() === false) {
      this.budgetRefusals++;
      throw new RegistryUnavailableError('issuer lookup budget exhausted');
    }
    const read = this.read(this.issuers, userPoolId, async () =>
      this.checkedIssuer(userPoolId, await this.store.getParameter(this.issuerName(userPoolId))),
    );
    if (!(read instanceof Promise)) return read;
    const shared = read.finally(() => this.meteredLoads.delete(userPoolId));
    this.meteredLoads.set(userPoolId, shared);
    return shared;
  }

  /** The tenant binding of a shared pool's identity provider, or `undefined`. */
  provider(userPoolId: string, providerName: string): MaybePromise<ProviderRecord | undefined> {
    return this.binding(this.providers, BINDINGS.provider, 'provider record', userPoolId, providerName);
  }

  /**
   * The binding of a shared pool's app client to the one tenant it serves (a tenant's own
   * client), or `undefined`. Asked in the same turn as {@link provider}, both misses go out
   * in one `GetParameters` call.
   */
  client(userPoolId: string, clientId: string): MaybePromise<ClientRecord | undefined> {
    return this.binding(this.clients, BINDINGS.client, 'client record', userPoolId, clientId);
  }

  /**
   * A provider or client record, read in the binding batches. Cached by pool and name
   * (neither contains '/'); the parameter name (validated) is built only to load. A record
   * filed under another pool or name is damaged.
   */
  private binding<V extends { readonly userPoolId: string }>(
    cache: TtlCache<V>,
    kind: BindingKind<V>,
    what: string,
    userPoolId: string,
    id: string,
  ): MaybePromise<V | undefined> {
    return this.read(cache, `${userPoolId}/${id}`, async () => {
      const name = kind.parameterName(this.options.prefix, userPoolId, id);
      const record = parseJson(await this.bindingBatches.read(name), kind.parse);
      if (record && (record.userPoolId !== userPoolId || record[kind.idField] !== id)) {
        throw new RecordFormatError(what, kind.idField);
      }
      return record;
    });
  }

  /** The record of a normalised tenant host, or `undefined` when the host is not registered. */
  host(host: string): MaybePromise<HostRecord | undefined> {
    return this.read(this.hosts, host, async () =>
      parseJson(await this.hostBatches.read(hostParameterName(this.options.prefix, host)), parseHostRecord),
    );
  }

  /**
   * Loads the issuer records of `userPoolIds` in batches (cold start), caching found and
   * missing pools alike. Returns the registered ones; a failed batch is skipped.
   */
  async hydrateIssuers(userPoolIds: readonly string[]): Promise<IssuerRecord[]> {
    const found: IssuerRecord[] = [];
    for (let i = 0; i < userPoolIds.length; i += GET_PARAMETERS_BATCH) {
      const batch = userPoolIds.slice(i, i + GET_PARAMETERS_BATCH);
      const values = await this.store.getParameters(batch.map((id) => this.issuerName(id)));
      for (const id of batch) {
        try {
          const record = this.checkedIssuer(id, values.get(this.issuerName(id)));
          this.issuers.set(id, record);
          if (record) found.push(record);
        } catch {
          // A damaged record is left to the lazy path, which fails closed on it.
        }
      }
    }
    return found;
  }

  /** Whether the index lists the pool; false when there is no usable index (everything metered). */
  private listed(userPoolId: string): MaybePromise<boolean> {
    const cached = this.index.peek(INDEX_KEY);
    if (cached) return cached.value?.pools.has(userPoolId) === true;
    return this.loadIndex().then((index) => index?.pools.has(userPoolId) === true);
  }

  private loadIndex(): Promise<IssuerIndex | undefined> {
    return this.index
      .get(INDEX_KEY, () => readIssuerIndex(this.store, this.options.prefix))
      .then(
        (result) => result.value,
        // A damaged or unreadable index is not a reason to deny: every pool is metered instead.
        () => undefined,
      );
  }

  /** Listed pools that are neither cached nor being read, to fill a batch's free room. */
  private readAhead(room: number, taken: ReadonlySet<string>): string[] {
    const list = this.index.peek(INDEX_KEY)?.value?.list;
    if (!list || list.length === 0 || room <= 0) return [];
    const names: string[] = [];
    // Walks the list from where the last batch stopped, at most once round.
    for (let step = 0; step < list.length && names.length < room; step++) {
      const id = list[this.readAheadCursor] as string;
      this.readAheadCursor = (this.readAheadCursor + 1) % list.length;
      const name = this.issuerName(id);
      if (!taken.has(name) && !this.issuers.peek(id)) names.push(name);
    }
    return names;
  }

  private readAheadFound(name: string, value: string | undefined): void {
    const id = name.slice(name.lastIndexOf('/') + 1);
    this.issuers.set(id, this.checkedIssuer(id, value));
  }

  private issuerName(userPoolId: string): string {
    return issuerParameterName(this.options.prefix, userPoolId);
  }

  private checkedIssuer(userPoolId: string, raw: string | undefined): IssuerRecord | undefined {
    const record = parseJson(raw, parseIssuerRecord);
    if (record && record.userPoolId !== userPoolId)
      throw new RecordFormatError('issuer record', 'userPoolId');
    return record;
  }

  /** A fresh cached record synchronously; otherwise the (coalesced, bounded) load. */
  private read<V>(
    cache: TtlCache<V>,
    key: string,
    load: () => Promise<V | undefined>,
  ): MaybePromise<V | undefined> {
    const fresh = cache.peek(key);
    if (fresh) return fresh.value;
    return cache.get(key, load).then(
      (result) => result.value,
      (error: unknown) => {
        throw new RegistryUnavailableError('registry read failed', { cause: error });
      },
    );
  }
}
