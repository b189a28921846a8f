import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { type HostRecord, parseHostRecord } from '@cognito-tenancy/registry/records';
import type { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import {
  CacheBusyError,
  CacheLoadTimeoutError,
  type CacheResult,
  type TtlCache,
} from '@cognito-tenancy/registry/ttl-cache';
import { RegistryUnavailableError, type UnavailableReason } from './errors';
import type { TenantHost } from './tenant-host';

export interface HostLookupDeps {
  readonly ssm: SSMClient;
  /** Keyed by normalised host; `undefined` values are negative entries (unknown host). */
  readonly cache: TtlCache<HostRecord>;
  readonly budget: TokenBucket;
}

/** Resolves a validated host to its record (`value: undefined` = unknown host). */
export type HostLookup = (tenant: TenantHost) => Promise<CacheResult<HostRecord>>;

// An advanced-tier parameter holds at most 8 KB; anything longer is not ours.
const MAX_VALUE_LENGTH = 8_192;

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Classifies an SDK failure for the reason code. */
export function unavailableReason(error: unknown): UnavailableReason {
  const name = errorName(error);
  const throttling = (error as { $retryable?: { throttling?: boolean } } | undefined)?.$retryable?.throttling;
  if (throttling === true || /throttl|rate ?exceeded|toomanyrequests/i.test(name)) return 'ssm-throttled';
  if (/timeout|abort/i.test(name) || (error as { code?: unknown })?.code === 'ETIMEDOUT')
    return 'ssm-timeout';
  return 'ssm-error';
}

function parseValue(value: string | undefined): HostRecord {
  if (value === undefined || value.length > MAX_VALUE_LENGTH) {
    throw new RegistryUnavailableError('record-invalid');
  }
  try {
    return parseHostRecord(JSON.parse(value));
  } catch (cause) {
    // A damaged record is a store error: fail closed (503), never a half-read tenant.
    throw new RegistryUnavailableError('record-invalid', { cause });
  }
}

function asUnavailable(error: unknown): RegistryUnavailableError {
  if (error instanceof RegistryUnavailableError) return error;
  let reason: UnavailableReason = 'ssm-error';
  if (error instanceof CacheBusyError) reason = 'lookup-busy';
  else if (error instanceof CacheLoadTimeoutError) reason = 'ssm-timeout';
  return new RegistryUnavailableError(reason, { cause: error });
}

/** Builds the cached lookup. Only `GetParameter` on the host's own parameter is ever called. */
export function createHostLookup(deps: HostLookupDeps): HostLookup {
  const load = async (name: string): Promise<HostRecord | undefined> => {
    if (!deps.budget.take()) throw new RegistryUnavailableError('lookup-rate-limited');
    let value: string | undefined;
    try {
      const output = await deps.ssm.send(new GetParameterCommand({ Name: name }));
      value = output.Parameter?.Value;
    } catch (error) {
      // ParameterNotFound is the normal answer for a host that is not a tenant.
      if (errorName(error) === 'ParameterNotFound') return undefined;
      throw new RegistryUnavailableError(unavailableReason(error), { cause: error });
    }
    return parseValue(value);
  };
  return async (tenant) => {
    try {
      // Same host, same parameter name: coalescing on the host is safe.
      return await deps.cache.get(tenant.host, () => load(tenant.parameterName));
    } catch (error) {
      throw asUnavailable(error);
    }
  };
}
