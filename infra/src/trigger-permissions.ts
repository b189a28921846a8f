/**
 * How Cognito may invoke pre-token-gen. One permission per pool, scoped to that pool's ARN,
 * until the function's resource policy would outgrow its 20 KB limit (about 60 statements);
 * past that, one permission for this account's pools in the region.
 */

/** Pools with the trigger above which one account-scoped permission replaces per-pool ones. */
export const MAX_POOL_SCOPED_PERMISSIONS = 40;

export type TriggerPermissionScope = 'per-pool' | 'account';

export function triggerPermissionScope(poolsWithTrigger: number): TriggerPermissionScope {
  return poolsWithTrigger <= MAX_POOL_SCOPED_PERMISSIONS ? 'per-pool' : 'account';
}
