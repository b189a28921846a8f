/**
 * The sample pets service's table: the tenant id leads every key (`pk` = `TENANT#<id>`,
 * `sk` = `PET#<id>`), so one tenant's items are one partition and the service's role may
 * touch only `TENANT#*` partitions. On demand, point-in-time recovery, KMS encryption.
 */
import type { Construct } from 'constructs';
import { DataTable, type DataTableProps } from './data-table';

/** Key attribute names of the pets table (the pets package writes these). */
export const PETS_TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

/** Writes stay inside one tenant's partition: the service's role may touch `TENANT#*` only. */
export class PetsTable extends DataTable {
  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id, props, { partition: PETS_TABLE_KEYS.partition, sort: PETS_TABLE_KEYS.sort });
  }
}
