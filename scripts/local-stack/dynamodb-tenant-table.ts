/**
 * The tenant table on a local DynamoDB: created with the same shape infra gives it
 * (partition key `pk`, string, no sort key, on-demand) and seeded with registry items.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { marshallItem, type PlainValue } from '@cognito-tenancy/registry/attribute-values';
import { TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';

/**
 * An unmarshalled tenant table item: its key plus plain JSON-shaped fields (a DomainItem,
 * a TenantClaimsItem, or `RegistryItem['item']` from `@cognito-tenancy/registry/registry-entries`).
 */
export type TenantTableItem = { readonly [TENANT_TABLE_PARTITION_KEY]: string } & object;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the tenant table unless it exists, then waits until it is ACTIVE. */
export async function createTenantTable(
  client: DynamoDBClient,
  tableName: string,
  { timeoutMs = 10_000 }: { readonly timeoutMs?: number } = {},
): Promise<'created' | 'exists'> {
  let outcome: 'created' | 'exists' = 'created';
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: TENANT_TABLE_PARTITION_KEY, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: TENANT_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    // A persisted store keeps its tables across restarts.
    if (!(error instanceof ResourceInUseException)) throw error;
    outcome = 'exists';
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return outcome;
    if (Date.now() > deadline) throw new Error(`table ${tableName} not ACTIVE after ${timeoutMs} ms`);
    await delay(25);
  }
}

/** Writes `items` (replacing any item with the same key), in order. */
export async function putTenantItems(
  client: DynamoDBClient,
  tableName: string,
  items: readonly TenantTableItem[],
): Promise<void> {
  for (const [index, item] of items.entries()) {
    const key = (item as Record<string, unknown>)[TENANT_TABLE_PARTITION_KEY];
    if (typeof key !== 'string' || key === '') {
      throw new Error(
        `tenant table item ${index}: '${TENANT_TABLE_PARTITION_KEY}' must be a non-empty string`,
      );
    }
    // Registry records are JSON-shaped (strings, numbers, booleans, arrays, objects).
    const fields = item as unknown as Readonly<Record<string, PlainValue | undefined>>;
    await client.send(new PutItemCommand({ TableName: tableName, Item: marshallItem(fields) }));
  }
}
