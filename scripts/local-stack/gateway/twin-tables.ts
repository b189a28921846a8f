/**
 * Creates the synthesized stack's DynamoDB tables (aws_dynamodb_table: name, hash and range
 * keys) in dynalite, so the local functions find the tables their environment names.
 * Existing tables (a kept state folder) are left as they are.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  type ScalarAttributeType,
} from '@aws-sdk/client-dynamodb';
import type { TwinTable } from './twin-stack';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates each table unless it exists, then waits until all are ACTIVE. */
export async function createTwinTables(client: DynamoDBClient, tables: readonly TwinTable[]): Promise<void> {
  for (const table of tables) {
    const keys = [table.hashKey, ...(table.rangeKey ? [table.rangeKey] : [])];
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table.name,
          AttributeDefinitions: keys.map((k) => ({
            AttributeName: k.name,
            AttributeType: k.type as ScalarAttributeType,
          })),
          KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  const deadline = Date.now() + 10_000;
  for (const table of tables) {
    for (;;) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
      if (Table?.TableStatus === 'ACTIVE') break;
      if (Date.now() > deadline) throw new Error(`table ${table.name} not ACTIVE after 10 s`);
      await delay(25);
    }
  }
}
