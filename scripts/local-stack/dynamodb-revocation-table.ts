/**
 * The revocations table on a local DynamoDB (forced sign-out): the shape infra gives it
 * (partition key `pk`, string, no sort key, on demand). dynalite has no
 * `UpdateTimeToLive`, so locally items are never expired; the authorizer does not rely on
 * expiry (an old cut-off only refuses tokens that have expired anyway).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { REVOCATION_TABLE_PARTITION_KEY, TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { createTenantTable } from './dynamodb-tenant-table';

/** The name of the local revocations table of an environment. */
export const revocationTableName = (environment: string) => `cognito-tenancy-${environment}-revocations`;

/** Creates the revocations table unless it exists, then waits until it is ACTIVE. */
export function createRevocationTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<'created' | 'exists'> {
  // Both tables are keyed by a string `pk`; the tenant table's creation is reused as is.
  if (REVOCATION_TABLE_PARTITION_KEY !== TENANT_TABLE_PARTITION_KEY) {
    throw new Error('the revocations table no longer has the tenant table’s key shape');
  }
  return createTenantTable(client, tableName);
}
