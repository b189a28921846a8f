/**
 * The tenant's registry record (`TENANT#<tenantId>` in the tenant table, as sign-out reads
 * it): one `GetItem`, parsed with the registry's parser, behind the shared TTL cache. Only
 * writes need it (the admin group); reads of pets never touch the registry.
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { tenantItemLoader } from '@cognito-tenancy/registry/tenant-item-loader';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { DependencyError } from './errors';

/** The tenant's record, or `undefined` when the tenant has none. Rejects when the table cannot tell. */
export type TenantLookup = (tenantId: string) => Promise<TenantItem | undefined>;

export interface TenantStoreDeps {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly cache: TtlCache<TenantItem>;
}

/** Builds the cached lookup. A damaged item, or one filed under another tenant, rejects (fail closed). */
export function createTenantLookup({ client, tableName, cache }: TenantStoreDeps): TenantLookup {
  const load = tenantItemLoader((input) => client.send(new GetItemCommand(input)), tableName);
  return async (tenantId) => {
    try {
      return (await cache.get(tenantId, load)).value;
    } catch (error) {
      throw new DependencyError('tenant-store-unavailable', { cause: error });
    }
  };
}
