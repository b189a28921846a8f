/**
 * Method throttling from `aws_api_gateway_method_settings`: a token bucket per method
 * (`<resource path>/<METHOD>`), else the stage-wide `*\/*` one. Over the limit, API Gateway
 * answers 429 `Too Many Requests` before the authorizer or the integration runs. A rate
 * below 1 (API Gateway accepts e.g. 0.5) refills slowly; rate 0 or burst 0 refuses every call.
 */
import { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import type { TwinThrottle } from './twin-stack';

/** Returns `take(resourcePath, method)`: false when the call is over its limit. */
export function createMethodThrottle(throttles: readonly TwinThrottle[], now: () => number) {
  const buckets = new Map<string, TokenBucket | 'closed'>();
  for (const t of throttles) {
    buckets.set(
      t.methodPath,
      t.ratePerSecond > 0 && t.burst >= 1 ? new TokenBucket(t.ratePerSecond, now, t.burst) : 'closed',
    );
  }
  return (resourcePath: string, method: string): boolean => {
    const bucket = buckets.get(`${resourcePath.replace(/^\//, '')}/${method}`) ?? buckets.get('*/*');
    if (bucket === undefined) return true;
    return bucket !== 'closed' && bucket.take();
  };
}
