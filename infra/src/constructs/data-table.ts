/**
 * The settings every table of the stack shares: on demand (traffic is small and unknown),
 * point-in-time recovery, KMS encryption with the AWS managed key (aws/dynamodb, no key
 * policy to manage) and the environment's deletion protection. Each table says only its
 * keys.
 */
import { DynamodbTable, type DynamodbTableConfig } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { Construct } from 'constructs';

export interface DataTableProps {
  readonly tableName: string;
  readonly deletionProtection: boolean;
}

/** The key schema (string attributes) and, where items expire, the TTL attribute. */
export interface DataTableKeys {
  readonly partition: string;
  readonly sort?: string;
  readonly ttl?: string;
}

/** The `DynamodbTable` configuration of a table with `keys`. */
export function dataTableConfig(props: DataTableProps, keys: DataTableKeys): DynamodbTableConfig {
  const keyNames = keys.sort === undefined ? [keys.partition] : [keys.partition, keys.sort];
  return {
    name: props.tableName,
    billingMode: 'PAY_PER_REQUEST',
    hashKey: keys.partition,
    ...(keys.sort === undefined ? {} : { rangeKey: keys.sort }),
    attribute: keyNames.map((name) => ({ name, type: 'S' })),
    // DynamoDB deletes an item some time after this epoch second, never before it.
    ...(keys.ttl === undefined ? {} : { ttl: { attributeName: keys.ttl, enabled: true } }),
    pointInTimeRecovery: { enabled: true },
    serverSideEncryption: { enabled: true },
    deletionProtectionEnabled: props.deletionProtection,
  };
}

/** A construct holding one such table as `table` (construct id `table`). */
export class DataTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: DataTableProps, keys: DataTableKeys) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'table', dataTableConfig(props, keys));
  }
}
