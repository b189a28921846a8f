/**
 * Whether a failure was SSM throttling the registry reads. SSM publishes no throttling
 * metric, so the authorizer logs it distinctly (`detail: 'ssm-throttled'`) and infra counts
 * those lines with a CloudWatch Logs metric filter (infra/README.md, Operations). The test
 * matches config-resolver's `unavailableReason`.
 */

/** The AWS SDK marks throttles on `$retryable`; the name is the fallback (`ThrottlingException`). */
const THROTTLE_NAME = /throttl|rate ?exceeded|toomanyrequests/i;

/** How far down the `cause` chain to look: registry reads wrap the SDK error once or twice. */
const MAX_DEPTH = 4;

/** True when `error`, or an error it was caused by, is a throttle. */
export function isThrottled(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && current instanceof Error; depth++) {
    const retryable = (current as { $retryable?: { throttling?: boolean } }).$retryable;
    if (retryable?.throttling === true || THROTTLE_NAME.test(current.name)) return true;
    current = current.cause;
  }
  return false;
}
