/**
 * The sample pets service's table: the tenant id leads every key (`pk` = `TENANT#<id>`,
 * `sk` = `PET#<id>`), so one tenant's items are one partition and the service's role may
 * touch only `TENANT#*` partitions. On demand, point-in-time recovery, KMS encryption.
 */
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { Construct } from 'constructs';

/** Key attribute names of the pets table (the pets package writes these). */
export const PETS_TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

export interface PetsTableProps {
  readonly tableName: string;
  readonly deletionProtection: boolean;
}

export class PetsTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: PetsTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      // A sample service: traffic is unknown and small, so on demand.
      billingMode: 'PAY_PER_REQUEST',
      hashKey: PETS_TABLE_KEYS.partition,
      rangeKey: PETS_TABLE_KEYS.sort,
      attribute: [
        { name: PETS_TABLE_KEYS.partition, type: 'S' },
        { name: PETS_TABLE_KEYS.sort, type: 'S' },
      ],
      pointInTimeRecovery: { enabled: true },
      // The AWS managed key (aws/dynamodb): encrypted with KMS, no key policy to manage.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
    });
  }
}
