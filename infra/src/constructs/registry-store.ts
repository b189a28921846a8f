/**
 * The registry as resources: the tenant table (on demand, point-in-time recovery,
 * KMS encryption) with one item per registry item, and one SSM parameter per registry
 * parameter, all from `registryEntries` so the layout is the shared package's.
 */
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { DynamodbTableItem } from '@cdktf/provider-aws/lib/dynamodb-table-item/index.js';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import { TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import type { RegistryEntries } from '@cognito-tenancy/registry/registry-entries';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { marshalItem } from '../dynamodb-json';
import { jsonAttribute } from '../json-attribute';
import { type DataTableProps, dataTableConfig } from './data-table';

export interface RegistryStoreProps extends DataTableProps {
  readonly entries: RegistryEntries;
}

/** Construct ids from entry ids (`host:acme.example.com` -> `host-acme.example.com`). */
function constructId(entryId: string): string {
  return entryId.replace(/[^A-Za-z0-9.-]/g, '-');
}

export interface RegistryRecordsProps {
  /** The tenant table (its name and partition key attribute), in this stack or another. */
  readonly tableName: string;
  readonly hashKey: string;
  readonly entries: RegistryEntries;
}

/**
 * The entries as resources, children of `scope`: `item-<id>` per table item and
 * `param-<id>` per parameter. Used by the registry store and by each tenant's stack.
 */
export function addRegistryRecords(scope: Construct, props: RegistryRecordsProps) {
  const items = props.entries.items.map(
    (entry) =>
      new DynamodbTableItem(scope, `item-${constructId(entry.id)}`, {
        tableName: props.tableName,
        hashKey: props.hashKey,
        item: jsonAttribute(scope, marshalItem({ ...entry.item })),
      }),
  );
  const parameters = props.entries.parameters.map(
    (entry) =>
      new SsmParameter(scope, `param-${constructId(entry.id)}`, {
        name: entry.name,
        // Public sign-in configuration (no secret): String, so readers need no KMS grant.
        type: 'String',
        tier: 'Standard',
        // The record as registryEntries serialised it (HCL output re-encodes the same record).
        value: App.of(scope).hclOutput ? jsonAttribute(scope, entry.record) : entry.value,
        description: `cognito-tenancy ${entry.kind} record`,
      }),
  );
  return { items, parameters };
}

export class RegistryStore extends Construct {
  readonly table: DynamodbTable;
  readonly parameters: readonly SsmParameter[];
  readonly items: readonly DynamodbTableItem[];

  constructor(scope: Construct, id: string, props: RegistryStoreProps) {
    super(scope, id);
    this.table = new DynamodbTable(
      this,
      'tenant-table',
      dataTableConfig(props, { partition: TENANT_TABLE_PARTITION_KEY }),
    );
    const records = addRegistryRecords(this, {
      tableName: this.table.name,
      hashKey: this.table.hashKey,
      entries: props.entries,
    });
    this.items = records.items;
    this.parameters = records.parameters;
  }
}
