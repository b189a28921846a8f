/**
 * Reads `DOMAIN#<domain>` items (home-realm discovery records) through the shared TTL
 * cache, for the one case that needs them: an address in a subdomain of the tenant's
 * domain, accepted only when discovery gives that subdomain to the same tenant.
 */
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import { domainItemKey, TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { type DomainItem, parseDomainItem } from '@cognito-tenancy/registry/records';
import type { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { RegistryError } from './errors';

export interface DomainStoreDeps {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly cache: TtlCache<DomainItem>;
}

async function load(deps: DomainStoreDeps, domain: string): Promise<DomainItem | undefined> {
  const pk = domainItemKey(domain)[TENANT_TABLE_PARTITION_KEY];
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
    return parseDomainItem(unmarshallItem(item));
  } catch (error) {
    throw new RegistryError('registry-record-invalid', { cause: error });
  }
}

/** A {@link DomainLookup} over the tenant table; failures are {@link RegistryError}s. */
export function createDomainLookup(deps: DomainStoreDeps): DomainLookup {
  return async (domain) => {
    try {
      return await deps.cache.get(domain, (key) => load(deps, key));
    } catch (error) {
      throw error instanceof RegistryError
        ? error
        : new RegistryError('registry-unavailable', { cause: error });
    }
  };
}
