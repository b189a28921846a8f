/**
 * The read of one tenant's registry item (`TENANT#<tenantId>` in the tenant table) that
 * sign-out and pets share: one `GetItem` by the exact key, parsed with the registry's parser.
 * The caller passes its own DynamoDB call, so the registry stays free of the AWS SDK.
 */
import { unmarshallItem } from './attribute-values';
import { TENANT_TABLE_PARTITION_KEY, tenantItemKey } from './keys';
import { parseTenantItem, RecordFormatError, type TenantItem } from './records';

/** The part of a `GetItemCommand` input the loader sets. */
export interface GetItemInput {
  readonly TableName: string;
  readonly Key: Record<string, { S: string }>;
}

/** One `GetItem` call (`(input) => client.send(new GetItemCommand(input))`). */
export type GetItem = (input: GetItemInput) => Promise<{ Item?: Readonly<Record<string, unknown>> }>;

/**
 * The tenant's item, or `undefined` when it has none. A damaged item, or one filed under
 * another tenant, rejects (fail closed); so does an id that is not a tenant id.
 */
export function tenantItemLoader(
  getItem: GetItem,
  tableName: string,
): (tenantId: string) => Promise<TenantItem | undefined> {
  return async (tenantId) => {
    const key = tenantItemKey(tenantId)[TENANT_TABLE_PARTITION_KEY];
    const output = await getItem({ TableName: tableName, Key: { [TENANT_TABLE_PARTITION_KEY]: { S: key } } });
    if (output.Item === undefined) return undefined;
    const item = parseTenantItem(unmarshallItem(output.Item));
    if (item.tenantId !== tenantId) throw new RecordFormatError('tenant item', 'tenantId');
    return item;
  };
}
