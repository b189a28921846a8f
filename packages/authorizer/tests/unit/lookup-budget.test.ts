import { describe, expect, it } from '@jest/globals';
import { LookupBudget, LookupBudgetExhaustedError } from '../../src/lookup-budget';

describe('LookupBudget', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const budget = new LookupBudget(5, 10, () => now);
    for (let i = 0; i < 10; i++) budget.take();
    expect(() => budget.take()).toThrow(LookupBudgetExhaustedError);
    now += 200; // one token at 5/s
    expect(() => budget.take()).not.toThrow();
    expect(() => budget.take()).toThrow(LookupBudgetExhaustedError);
    now += 60_000; // never more than the burst
    for (let i = 0; i < 10; i++) budget.take();
    expect(() => budget.take()).toThrow(LookupBudgetExhaustedError);
  });

  it('tolerates a clock that goes backwards', () => {
    let now = 1000;
    const budget = new LookupBudget(1, 1, () => now);
    budget.take();
    now = 0;
    expect(() => budget.take()).toThrow(LookupBudgetExhaustedError);
  });

  it('refuses nonsensical settings', () => {
    expect(() => new LookupBudget(0, 1, () => 0)).toThrow(RangeError);
    expect(() => new LookupBudget(1, 0, () => 0)).toThrow(RangeError);
  });
});
