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
    this.items = props.entries.items.map(
      (entry) =>
        new DynamodbTableItem(this, `item-${constructId(entry.id)}`, {
          tableName: this.table.name,
          hashKey: this.table.hashKey,
          item: jsonAttribute(this, marshalItem({ ...entry.item })),
        }),
    );
    this.parameters = props.entries.parameters.map(
      (entry) =>
        new SsmParameter(this, `param-${constructId(entry.id)}`, {
          name: entry.name,
          // Public sign-in configuration (no secret): String, so readers need no KMS grant.
          type: 'String',
          tier: 'Standard',
          // The record as registryEntries serialised it (HCL output re-encodes the same record).
          value: App.of(this).hclOutput ? jsonAttribute(this, entry.record) : entry.value,
          description: `cognito-tenancy ${entry.kind} record`,
        }),
    );
  }
}
