/**
 * One read of a registry item from the tenant table, shared by the tenant and domain
 * stores: GetItem by partition key, parse with the registry's parser, and turn any failure
 * into a {@link RegistryError} that names no table or ARN.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { RegistryError } from './errors';

/** Where items are read from. */
export interface ItemSource {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
}

/** The item under `pk` parsed by `parse`, or `undefined` when there is none. */
export async function loadItem<T>(
  source: ItemSource,
  pk: string,
  parse: (value: unknown) => T,
): Promise<T | undefined> {
  let item: Record<string, unknown> | undefined;
  try {
    const output = await source.client.send(
      new GetItemCommand({ TableName: source.tableName, Key: { [TENANT_TABLE_PARTITION_KEY]: { S: pk } } }),
    );
    item = output.Item;
  } catch (error) {
    throw new RegistryError('registry-unavailable', { cause: error });
  }
  if (!item) return undefined;
  try {
    return parse(unmarshallItem(item));
  } catch (error) {
    throw new RegistryError('registry-record-invalid', { cause: error });
  }
}

/** Cache timeouts and "too many loads" are store failures too. */
export const asRegistryError = (error: unknown): RegistryError =>
  error instanceof RegistryError ? error : new RegistryError('registry-unavailable', { cause: error });
