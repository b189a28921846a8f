/**
 * The revocations table of forced sign-out: one item per signed-out user
 * (`<tenantId>#<sub>` -> `revokedBefore`), written by sign-out and read by the authorizer.
 * On demand, point-in-time recovery, KMS encryption, and a TTL so items go once every token
 * they revoke has expired.
 */
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { REVOCATION_TABLE_PARTITION_KEY, REVOCATION_TTL_ATTRIBUTE } from '@cognito-tenancy/registry/keys';
import { Construct } from 'constructs';

export interface RevocationTableProps {
  readonly tableName: string;
  readonly deletionProtection: boolean;
}

export class RevocationTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: RevocationTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      // A few writes per admin action and one read per user per cache TTL: on demand.
      billingMode: 'PAY_PER_REQUEST',
      hashKey: REVOCATION_TABLE_PARTITION_KEY,
      attribute: [{ name: REVOCATION_TABLE_PARTITION_KEY, type: 'S' }],
      // DynamoDB deletes an item some time after this epoch second, never before it.
      ttl: { attributeName: REVOCATION_TTL_ATTRIBUTE, enabled: true },
      pointInTimeRecovery: { enabled: true },
      // The AWS managed key (aws/dynamodb): encrypted with KMS, no key policy to manage.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
    });
  }
}
