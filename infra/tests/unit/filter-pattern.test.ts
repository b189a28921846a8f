import { describe, expect, it } from '@jest/globals';
import { FilterPatternError, matchesFilterPattern, parseFilterPattern } from '../../src/filter-pattern';

const line = (value: unknown) => JSON.stringify(value);

describe('matchesFilterPattern', () => {
  it('matches string equality on a top-level and a nested selector', () => {
    expect(matchesFilterPattern('{ $.reason = "ssm-throttled" }', line({ reason: 'ssm-throttled' }))).toBe(
      true,
    );
    expect(matchesFilterPattern('{ $.reason = "ssm-throttled" }', line({ reason: 'ssm-timeout' }))).toBe(
      false,
    );
    expect(matchesFilterPattern('{ $.a.b = "x" }', line({ a: { b: 'x' } }))).toBe(true);
    expect(matchesFilterPattern('{ $.a.b = "x" }', line({ a: 'x' }))).toBe(false);
  });

  it('treats * in a string as a wildcard and matches nothing else loosely', () => {
    expect(matchesFilterPattern('{ $.status = "5*" }', line({ status: '503' }))).toBe(true);
    expect(matchesFilterPattern('{ $.status = "5*" }', line({ status: '403' }))).toBe(false);
    expect(matchesFilterPattern('{ $.reason = "ssm.throttled" }', line({ reason: 'ssm-throttled' }))).toBe(
      false,
    );
    expect(matchesFilterPattern('{ $.reason = "ssm" }', line({ reason: 'ssm-throttled' }))).toBe(false);
  });

  it('never matches an absent selector or the other type, with = or !=', () => {
    expect(matchesFilterPattern('{ $.detail = "ssm-throttled" }', line({ reason: 'x' }))).toBe(false);
    expect(matchesFilterPattern('{ $.detail != "ssm-throttled" }', line({ reason: 'x' }))).toBe(false);
    expect(matchesFilterPattern('{ $.status = "401" }', line({ status: 401 }))).toBe(false);
    expect(matchesFilterPattern('{ $.status = 401 }', line({ status: '401' }))).toBe(false);
    expect(matchesFilterPattern('{ $.status = 401 }', line({ status: 401 }))).toBe(true);
    expect(matchesFilterPattern('{ $.n = 1 }', line({ n: true }))).toBe(false);
  });

  it('compares numbers', () => {
    const event = line({ latencyMs: 250 });
    expect(matchesFilterPattern('{ $.latencyMs > 200 }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.latencyMs >= 250 }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.latencyMs < 250 }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.latencyMs <= 249.5 }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.latencyMs != 250 }', event)).toBe(false);
  });

  it('binds && tighter than || and honours parentheses', () => {
    const event = line({ a: 'x', b: 'y', c: 'z' });
    // a=x || (b=no && c=no) -> true; (a=x || b=no) && c=no -> false
    expect(matchesFilterPattern('{ $.a = "x" || $.b = "no" && $.c = "no" }', event)).toBe(true);
    expect(matchesFilterPattern('{ ($.a = "x" || $.b = "no") && $.c = "no" }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.a = "no" || $.b = "y" && $.c = "z" }', event)).toBe(true);
  });

  it('does not match text that is not a JSON object', () => {
    expect(matchesFilterPattern('{ $.reason = "x" }', 'reason = x')).toBe(false);
    expect(matchesFilterPattern('{ $.reason = "x" }', '["x"]')).toBe(false);
    expect(matchesFilterPattern('{ $.reason = "x" }', 'null')).toBe(false);
  });

  it('reads selectors as own properties only', () => {
    expect(matchesFilterPattern('{ $.constructor = "*" }', line({}))).toBe(false);
  });
});

describe('parseFilterPattern', () => {
  it.each([
    ['no braces', '$.a = "x"'],
    ['an unterminated brace', '{ $.a = "x"'],
    ['a missing value', '{ $.a = }'],
    ['a string compared by order', '{ $.a > "x" }'],
    ['a bare word', '{ $.a = x }'],
    ['text after the pattern', '{ $.a = "x" } extra'],
    ['an unclosed parenthesis', '{ ($.a = "x" }'],
    ['a term pattern, not JSON', 'ERROR'],
  ])('refuses %s', (_, pattern) => {
    expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});
