/**
 * The tenant's administration record: one `GetItem` of `TENANT#<tenantId>` in the
 * registry's tenant table, parsed with the registry's parser, behind the shared TTL cache
 * (an admin group changed in the environment file takes effect within its TTL).
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { TENANT_TABLE_PARTITION_KEY, tenantItemKey } from '@cognito-tenancy/registry/keys';
import { parseTenantItem, RecordFormatError, type TenantItem } from '@cognito-tenancy/registry/records';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';

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
  return async (tenantId) => (await cache.get(tenantId, load)).value;
}
