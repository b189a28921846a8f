/** An in-memory Parameter Store with call counting and failure injection. */
import {
  clientParameterName,
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
import type { ParameterStore } from '../../src/registry-reader';

export class FakeParameterStore implements ParameterStore {
  readonly values = new Map<string, string>();
  /** Names read, in order (a GetParameters call: its names joined by commas). */
  readonly calls: string[] = [];
  /** When set, every call fails with this error. */
  failWith: Error | undefined;
  /** When set, every call waits this long first (ms). */
  delayMs = 0;

  constructor(readonly prefix: string) {}

  /** The calls that read records, leaving out reads of the issuer index. */
  get recordCalls(): string[] {
    return this.calls.filter((call) => !call.includes('/issuer-index/'));
  }

  /** Writes the issuer index listing `userPoolIds` (one shard per 100 pools). */
  putIssuerIndex(userPoolIds: readonly string[]): this {
    const shards = Math.max(1, Math.ceil(userPoolIds.length / ISSUER_INDEX_SHARD_SIZE));
    for (let shard = 0; shard < shards; shard++) {
      const ids = userPoolIds.slice(shard * ISSUER_INDEX_SHARD_SIZE, (shard + 1) * ISSUER_INDEX_SHARD_SIZE);
      this.values.set(
        issuerIndexParameterName(this.prefix, shard),
        JSON.stringify({ shard, shards, userPoolIds: ids }),
      );
    }
    return this;
  }

  putIssuer(record: IssuerRecord): this {
    this.values.set(issuerParameterName(this.prefix, record.userPoolId), JSON.stringify(record));
    return this;
  }

  putProvider(record: ProviderRecord): this {
    const name = providerParameterName(this.prefix, record.userPoolId, record.providerName);
    this.values.set(name, JSON.stringify(record));
    return this;
  }

  putClient(record: ClientRecord): this {
    this.values.set(
      clientParameterName(this.prefix, record.userPoolId, record.clientId),
      JSON.stringify(record),
    );
    return this;
  }

  putHost(host: string, record: HostRecord): this {
    this.values.set(hostParameterName(this.prefix, host), JSON.stringify(record));
    return this;
  }

  putRaw(name: string, value: string): this {
    this.values.set(name, value);
    return this;
  }

  private async enter(name: string): Promise<void> {
    this.calls.push(name);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs).unref());
    if (this.failWith) throw this.failWith;
  }

  async getParameter(name: string): Promise<string | undefined> {
    await this.enter(name);
    return this.values.get(name);
  }

  async getParameters(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    await this.enter(names.join(','));
    const found = new Map<string, string>();
    for (const name of names) {
      const value = this.values.get(name);
      if (value !== undefined) found.set(name, value);
    }
    return found;
  }
}
