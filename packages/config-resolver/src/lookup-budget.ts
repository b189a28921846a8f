/**
 * A token bucket on SSM lookups of one function instance. Coalescing and negative
 * caching stop repeats, but a flood of distinct unknown hosts would still turn into one
 * `GetParameter` each; SSM's default quota (40 TPS) is shared by the whole account, so
 * one instance may spend at most `ratePerSecond` on cache misses.
 */
export class LookupBudget {
  private tokens: number;
  private last: number;

  /** `ratePerSecond` tokens refill per second, up to a burst of the same size. */
  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond >= 1)) throw new RangeError('ratePerSecond must be >= 1');
    this.tokens = ratePerSecond;
    this.last = now();
  }

  /** Takes one token; false means "over budget, do not call SSM". */
  take(): boolean {
    const now = this.now();
    // A clock that goes backwards refills nothing.
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
