/**
 * The forced sign-out check ({@link RevocationCheck}) over the revocations table that the
 * sign-out function writes: one `GetItem` of `<tenantId>#<sub>` (the registry's key
 * layout), behind the shared TTL cache per user, positive and negative alike, so most
 * calls cost no read. A token is revoked when its `iat` is before the stored
 * `revokedBefore`. When the table cannot answer and nothing usable is cached, the check
 * rejects and the authorizer denies (fail closed).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { REVOCATION_TABLE_PARTITION_KEY, revocationItemKey } from '@cognito-tenancy/registry/keys';
import { parseRevocationItem } from '@cognito-tenancy/registry/records';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import type { RevocationCheck } from './revocation';

export interface RevocationStoreOptions {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  /** How long a user's cut-off (or its absence) is used without reading the table. */
  readonly cacheTtlMs: number;
  /** How long past that an entry is still used while the table fails; 0 disables. */
  readonly staleIfErrorMs: number;
  /** Hard bound on one read, whatever the SDK's own timeouts do. */
  readonly loadTimeoutMs: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** Creates the DynamoDB client of the check: two attempts, short timeouts that really throw. */
export function createRevocationClient(options: { readonly timeoutMs: number }): DynamoDBClient {
  // No endpoint here: the SDK honours AWS_ENDPOINT_URL_DYNAMODB (the local stack sets it).
  return new DynamoDBClient({
    maxAttempts: 2,
    requestHandler: {
      requestTimeout: options.timeoutMs,
      connectionTimeout: Math.min(options.timeoutMs, 1000),
      // Without this the pinned SDK only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}

/** The hard bound on one read for a per-attempt timeout (two attempts, both timeouts, slack). */
export function revocationLoadTimeoutMs(timeoutMs: number): number {
  return 2 * (timeoutMs + Math.min(timeoutMs, 1000)) + 250;
}

/** Builds the check; see the module comment. */
export function createRevocationCheck(options: RevocationStoreOptions): RevocationCheck {
  const now = options.now ?? Date.now;
  // The cut-off (undefined: none) and until when this answer may be reused: the entry's own
  // expiry, so a decision holding it never extends how long a revoked token can pass.
  const cache = new TtlCache<{ readonly before: number | undefined; readonly freshUntil: number }>({
    ttlMs: options.cacheTtlMs,
    negativeTtlMs: options.cacheTtlMs,
    staleIfErrorMs: options.staleIfErrorMs,
    maxEntries: options.maxEntries ?? 10_000,
    // Only verified tokens get here; one Lambda instance serves one request at a time, but
    // a cold in-process burst of many users must queue rather than be refused.
    maxConcurrentLoads: 1024,
    loadTimeoutMs: options.loadTimeoutMs,
    ...(options.now ? { now: options.now } : {}),
  });
  const read = async (key: string): Promise<number | undefined> => {
    const output = await options.client.send(
      new GetItemCommand({
        TableName: options.tableName,
        Key: { [REVOCATION_TABLE_PARTITION_KEY]: { S: key } },
        ProjectionExpression: '#before',
        ExpressionAttributeNames: { '#before': 'revokedBefore' },
        // A cut-off written a moment ago must count on the next read; reads are rare (cached).
        ConsistentRead: true,
      }),
    );
    if (output.Item === undefined) return undefined;
    // A damaged item rejects: the user is denied until it is fixed, never waved through.
    return parseRevocationItem(unmarshallItem(output.Item)).revokedBefore;
  };
  const load = async (key: string) => {
    const before = await read(key);
    return { before, freshUntil: now() + options.cacheTtlMs };
  };
  const answer = (
    issuedAt: number,
    entry: { before: number | undefined; freshUntil: number } | undefined,
  ) => {
    // A stale entry (served while the table fails) has a past freshUntil: never reused.
    const revokedBefore = entry?.before;
    return {
      revoked: revokedBefore !== undefined && issuedAt < revokedBefore,
      freshUntil: entry?.freshUntil ?? 0,
    };
  };
  return ({ tenantId, sub, issuedAt }) => {
    // Validated key (throws for a sub that is not a Cognito sub): the authorizer denies.
    const key = revocationItemKey(tenantId, sub)[REVOCATION_TABLE_PARTITION_KEY];
    // A fresh entry answers synchronously, so a warm request needs no promise.
    const cached = cache.peek(key);
    if (cached) return answer(issuedAt, cached.value);
    return cache.get(key, load).then((result) => answer(issuedAt, result.value));
  };
}
