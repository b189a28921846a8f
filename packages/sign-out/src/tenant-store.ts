/**
 * The tenant's administration record: one `GetItem` of `TENANT#<tenantId>` in the
 * registry's tenant table, parsed with the registry's parser, behind the shared TTL cache
 * (an admin group changed in the environment file takes effect within its TTL).
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { tenantItemLoader } from '@cognito-tenancy/registry/tenant-item-loader';
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
  const load = tenantItemLoader((input) => client.send(new GetItemCommand(input)), tableName);
  return async (tenantId) => (await cache.get(tenantId, load)).value;
}
