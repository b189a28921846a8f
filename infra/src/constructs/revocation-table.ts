/**
 * The revocations table of forced sign-out: one item per signed-out user
 * (`<tenantId>#<sub>` -> `revokedBefore`), written by sign-out and read by the authorizer.
 * On demand, point-in-time recovery, KMS encryption, and a TTL so items go once every token
 * they revoke has expired.
 */
import { REVOCATION_TABLE_PARTITION_KEY, REVOCATION_TTL_ATTRIBUTE } from '@cognito-tenancy/registry/keys';
import type { Construct } from 'constructs';
import { DataTable, type DataTableProps } from './data-table';

/** Items expire through TTL once every token they revoke has expired. */
export class RevocationTable extends DataTable {
  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id, props, { partition: REVOCATION_TABLE_PARTITION_KEY, ttl: REVOCATION_TTL_ATTRIBUTE });
  }
}
