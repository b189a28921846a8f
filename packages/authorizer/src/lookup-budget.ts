/**
 * A token bucket for registry reads that a request can cause BEFORE its signature is
 * checked: issuer lookups of pools that are not cached. Without it, forged tokens naming
 * a fresh random pool id each (`<region>_<random>`) would each cost one SSM read, and
 * SSM's GetParameter quota (40 TPS by default) is shared by the whole account. When the
 * bucket is empty the lookup fails closed (401) without calling SSM.
 */
export class LookupBudgetExhaustedError extends Error {
  override readonly name = 'LookupBudgetExhaustedError';
  constructor() {
    super('registry lookup budget exhausted');
  }
}

/** `ratePerSecond` tokens a second, at most `burst` saved up; starts full. */
export class LookupBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1))
      throw new RangeError('ratePerSecond must be > 0 and burst >= 1');
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes one token, or throws {@link LookupBudgetExhaustedError} when none is left. */
  take(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < 1) throw new LookupBudgetExhaustedError();
    this.tokens -= 1;
  }
}
