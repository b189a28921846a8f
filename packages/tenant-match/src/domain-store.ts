/**
 * The tenant table reader: one `GetItem` by the exact `DOMAIN#<domain>` key, parsed with
 * the registry's record parser, behind the shared TTL cache. Never a Scan or Query.
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import { domainItemKey, TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { type DomainItem, parseDomainItem } from '@cognito-tenancy/registry/records';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';

/** Looks up the item of one normalised email domain; `value` undefined means "no item". */
export type { DomainLookup } from '@cognito-tenancy/registry/domain-match';

export interface DomainStoreDeps {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly cache: TtlCache<DomainItem>;
}

/**
 * Builds the cached lookup. A missing item is cached as a negative entry; a damaged item
 * throws (RecordFormatError) so the caller fails closed instead of half-reading a tenant.
 */
export function createDomainLookup({ client, tableName, cache }: DomainStoreDeps): DomainLookup {
  const load = async (domain: string): Promise<DomainItem | undefined> => {
    const key = domainItemKey(domain)[TENANT_TABLE_PARTITION_KEY];
    // Eventually consistent reads are enough: items change at deploy time, and the cache
    // serves them for minutes anyway.
    const output = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { [TENANT_TABLE_PARTITION_KEY]: { S: key } } }),
    );
    if (output.Item === undefined) return undefined;
    return parseDomainItem(unmarshallItem(output.Item));
  };
  return (domain) => cache.get(domain, load);
}
