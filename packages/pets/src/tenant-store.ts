/**
 * The tenant's registry record (`TENANT#<tenantId>` in the tenant table, as sign-out reads
 * it): one `GetItem`, parsed with the registry's parser, behind the shared TTL cache. Only
 * writes need it (the admin group); reads of pets never touch the registry.
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { TENANT_TABLE_PARTITION_KEY, tenantItemKey } from '@cognito-tenancy/registry/keys';
import { parseTenantItem, RecordFormatError, type TenantItem } from '@cognito-tenancy/registry/records';
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
  const load = async (tenantId: string): Promise<TenantItem | undefined> => {
    const key = tenantItemKey(tenantId)[TENANT_TABLE_PARTITION_KEY];
    const output = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { [TENANT_TABLE_PARTITION_KEY]: { S: key } } }),
    );
    if (output.Item === undefined) return undefined;
    const item = parseTenantItem(unmarshallItem(output.Item));
    if (item.tenantId !== tenantId) throw new RecordFormatError('tenant item', 'tenantId');
    return item;
  };
  return async (tenantId) => {
    try {
      return (await cache.get(tenantId, load)).value;
    } catch (error) {
      throw new DependencyError('tenant-store-unavailable', { cause: error });
    }
  };
}
