/**
 * A token bucket for store reads that a caller can force: a flood of distinct unknown
 * keys gets past coalescing and negative caching, and SSM's GetParameter quota (40 TPS by
 * default) is shared by the whole account, so an instance spends at most `ratePerSecond`
 * on such misses. Used by config-resolver (host lookups) and the authorizer (issuer
 * lookups, the only read a request causes before its signature is checked).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /** `ratePerSecond` tokens refill per second, up to `burst` (default: the rate); starts full. */
  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly burst: number = ratePerSecond,
  ) {
    // A fractional rate is a slow refill (API Gateway accepts 0.5 requests per second).
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw new RangeError('ratePerSecond must be a finite number > 0');
    }
    if (!(burst >= 1)) throw new RangeError('burst must be >= 1');
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false means "over budget, do not call the store". */
  take(): boolean {
    const now = this.now();
    // A clock that goes backwards refills nothing.
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
