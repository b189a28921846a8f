/**
 * Reads tenant claims items from the DynamoDB tenant table through the shared TTL
 * cache: positive and negative entries, coalesced misses, stale-if-error and a hard
 * bound on how long a load may take. Any failure becomes a {@link RegistryError} that
 * names no table or ARN.
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { parseTenantClaimsItem, type TenantClaimsItem } from '@cognito-tenancy/registry/records';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import type { TenantLookup } from './bind-tenant';
import { RegistryError } from './errors';

export interface TenantStoreDeps {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly cache: TtlCache<TenantClaimsItem>;
}

async function load(deps: TenantStoreDeps, pk: string): Promise<TenantClaimsItem | undefined> {
  let item: Record<string, unknown> | undefined;
  try {
    const output = await deps.client.send(
      new GetItemCommand({ TableName: deps.tableName, Key: { [TENANT_TABLE_PARTITION_KEY]: { S: pk } } }),
    );
    item = output.Item;
  } catch (error) {
    throw new RegistryError('registry-unavailable', { cause: error });
  }
  if (!item) return undefined;
  try {
    return parseTenantClaimsItem(unmarshallItem(item));
  } catch (error) {
    throw new RegistryError('registry-record-invalid', { cause: error });
  }
}

/** A {@link TenantLookup} over the tenant table. */
export function createTenantLookup(deps: TenantStoreDeps): TenantLookup {
  return async (key) => {
    try {
      return (await deps.cache.get(key.pk, (pk) => load(deps, pk))).value;
    } catch (error) {
      // Cache timeouts and "too many loads" are store failures too.
      throw error instanceof RegistryError
        ? error
        : new RegistryError('registry-unavailable', { cause: error });
    }
  };
}
