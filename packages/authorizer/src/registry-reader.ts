/**
 * The authorizer's view of the tenant registry: issuer, provider and host records read
 * from Parameter Store through the shared key layout and record parsers, each behind the
 * shared TTL cache (positive and negative entries, coalesced misses, stale-if-error, a
 * bound on concurrent loads so a flood of unknown keys cannot exhaust SSM's account-wide
 * quota). Any store failure or damaged record is a {@link RegistryUnavailableError}.
 */
import {
  hostParameterName,
  issuerParameterName,
  providerParameterName,
} from '@cognito-tenancy/registry/keys';
import {
  type HostRecord,
  type IssuerRecord,
  type ProviderRecord,
  parseHostRecord,
  parseIssuerRecord,
  parseProviderRecord,
  RecordFormatError,
} from '@cognito-tenancy/registry/records';
import type { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { RegistryUnavailableError } from './errors';
import type { MaybePromise } from './maybe-promise';

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
   * Bounds issuer loads (the only read a request can cause before its signature is
   * checked): a miss past it fails closed without a read. Unbounded when absent.
   */
  readonly issuerBudget?: TokenBucket;
  readonly now?: () => number;
}

// SSM GetParameter is shared by the whole account (40 TPS by default): at most this many
// loads per cache run at once in one instance; further misses fail fast (fail closed).
const MAX_CONCURRENT_LOADS = 16;
const GET_PARAMETERS_BATCH = 10;

function parseJson<T>(raw: string | undefined, parse: (value: unknown) => T): T | undefined {
  return raw === undefined ? undefined : parse(JSON.parse(raw));
}

/** Reads registry records with caching; see the module comment. */
export class RegistryReader {
  private readonly issuers: TtlCache<IssuerRecord>;
  private readonly providers: TtlCache<ProviderRecord>;
  private readonly hosts: TtlCache<HostRecord>;

  constructor(
    private readonly store: ParameterStore,
    private readonly options: RegistryReaderOptions,
  ) {
    const cache = <V>(maxEntries: number) =>
      new TtlCache<V>({
        ttlMs: options.ttlMs,
        negativeTtlMs: options.negativeTtlMs,
        staleIfErrorMs: options.staleIfErrorMs,
        maxEntries,
        maxConcurrentLoads: MAX_CONCURRENT_LOADS,
        loadTimeoutMs: options.loadTimeoutMs,
        ...(options.now ? { now: options.now } : {}),
      });
    this.issuers = cache(2000);
    this.providers = cache(5000);
    this.hosts = cache(5000);
  }

  /** The issuer record of a user pool, or `undefined` when the pool is not registered. */
  issuer(userPoolId: string): MaybePromise<IssuerRecord | undefined> {
    return this.read(this.issuers, userPoolId, async () => {
      // Only a real miss takes a token: coalesced waiters and cached pools cost nothing.
      if (this.options.issuerBudget?.take() === false) throw new Error('issuer lookup budget exhausted');
      return this.checkedIssuer(userPoolId, await this.store.getParameter(this.issuerName(userPoolId)));
    });
  }

  /** The tenant binding of a shared pool's identity provider, or `undefined`. */
  provider(userPoolId: string, providerName: string): MaybePromise<ProviderRecord | undefined> {
    // Cached by pool and IdP; the parameter name (validated) is built only to load.
    return this.read(this.providers, `${userPoolId}/${providerName}`, async () => {
      const name = providerParameterName(this.options.prefix, userPoolId, providerName);
      const record = parseJson(await this.store.getParameter(name), parseProviderRecord);
      if (record && (record.userPoolId !== userPoolId || record.providerName !== providerName)) {
        throw new RecordFormatError('provider record', 'providerName');
      }
      return record;
    });
  }

  /** The record of a normalised tenant host, or `undefined` when the host is not registered. */
  host(host: string): MaybePromise<HostRecord | undefined> {
    return this.read(this.hosts, host, async () =>
      parseJson(await this.store.getParameter(hostParameterName(this.options.prefix, host)), parseHostRecord),
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
