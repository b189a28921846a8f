/**
 * Writes a user's cut-off to the revocations table: one conditional `UpdateItem` that only
 * ever moves `revokedBefore` forward (a concurrent or repeated sign-out can never lower it),
 * with the TTL attribute past the longest token lifetime.
 */
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  REVOCATION_TABLE_PARTITION_KEY,
  REVOCATION_TTL_ATTRIBUTE,
  revocationItemKey,
} from '@cognito-tenancy/registry/keys';

export interface Revocation {
  readonly tenantId: string;
  readonly sub: string;
  /** Epoch seconds: tokens with a lower `iat` are refused by the authorizer. */
  readonly revokedBefore: number;
  /** Epoch seconds: the item's TTL. */
  readonly expiresAt: number;
  /** The admin who asked (their sub), for the audit trail. */
  readonly revokedBy: string;
}

/** Records a cut-off; resolves once it is stored (or a later one already was). */
export type RecordRevocation = (revocation: Revocation) => Promise<void>;

/** The conditional update through `client`. */
export function createRecordRevocation(
  client: Pick<DynamoDBClient, 'send'>,
  tableName: string,
): RecordRevocation {
  return async (revocation) => {
    const key = revocationItemKey(revocation.tenantId, revocation.sub)[REVOCATION_TABLE_PARTITION_KEY];
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { [REVOCATION_TABLE_PARTITION_KEY]: { S: key } },
          UpdateExpression: 'SET #before = :before, #ttl = :ttl, #tenant = :tenant, #sub = :sub, #by = :by',
          // Monotonic: never lower an existing cut-off.
          ConditionExpression: 'attribute_not_exists(#before) OR #before < :before',
          ExpressionAttributeNames: {
            '#before': 'revokedBefore',
            '#ttl': REVOCATION_TTL_ATTRIBUTE,
            '#tenant': 'tenantId',
            '#sub': 'sub',
            '#by': 'revokedBy',
          },
          ExpressionAttributeValues: {
            ':before': { N: String(revocation.revokedBefore) },
            ':ttl': { N: String(revocation.expiresAt) },
            ':tenant': { S: revocation.tenantId },
            ':sub': { S: revocation.sub },
            ':by': { S: revocation.revokedBy },
          },
        }),
      );
    } catch (error) {
      // A cut-off at or after ours is already there: the user is revoked at least as far.
      if (error instanceof ConditionalCheckFailedException) return;
      if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') return;
      throw error;
    }
  };
}
