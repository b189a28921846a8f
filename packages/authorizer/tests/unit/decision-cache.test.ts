import { describe, expect, it } from '@jest/globals';
import { DecisionCache } from '../../src/decision-cache';
import type { VerifiedIdentity } from '../../src/policy';

const identity = (exp: number): VerifiedIdentity => ({
  tenantId: 'acme',
  userPoolId: 'eu-west-1_P',
  pattern: 'dedicated',
  sub: 's',
  username: 'u',
  groups: [],
  tokenUse: 'access',
  clientId: 'c',
  exp,
  iat: 0,
});

const H = 'acme.example.com';

function setup(ttlMs = 60_000, maxEntries = 3) {
  const clock = { now: 1_000_000 };
  return { clock, cache: new DecisionCache({ ttlMs, maxEntries, now: () => clock.now }) };
}

describe('DecisionCache', () => {
  it('keys requests by domain and exact Authorization value', () => {
    expect(DecisionCache.key('acme.example.com', 'Bearer t')).toBe('16:acme.example.comBearer t');
    expect(DecisionCache.key(undefined, 'Bearer t')).toBe('-Bearer t');
    expect(DecisionCache.key('a', 'Bearer t')).not.toBe(DecisionCache.key('b', 'Bearer t'));
  });

  it('never gives two different (domain, Authorization) pairs the same key', () => {
    // The pair from issue 18: with a line feed as separator these two collided.
    expect(DecisionCache.key('h\nx', 'y')).not.toBe(DecisionCache.key('h', 'x\ny'));
    const pairs: [string | undefined, string][] = [
      [undefined, 'Bearer t'],
      ['', 'Bearer t'],
      ['', '-Bearer t'],
      ['1', ':Bearer t'],
      ['1:', 'Bearer t'],
      ['a', 'bBearer t'],
      ['ab', 'Bearer t'],
      ['2:ab', 'c'],
      ['2', ':abc'],
      ['-', 'x'],
      [undefined, '-x'],
      ['10:aaaaaaaaaa', 'x'],
      ['1', '0:aaaaaaaaaax'],
    ];
    const keys = pairs.map(([host, authorization]) => DecisionCache.key(host, authorization));
    expect(new Set(keys).size).toBe(pairs.length);
  });

  it('serves an entry until its TTL, then misses', () => {
    const { clock, cache } = setup();
    const id = identity(10_000);
    cache.set(H, 'k', id);

    clock.now += 59_999;
    expect(cache.get(H, 'k')).toEqual({
      state: 'hit',
      identity: id,
      context: expect.objectContaining({ tenantId: 'acme' }),
      decision: expect.objectContaining({ host: H, identity: id, revocationFreshUntil: 0 }),
    });
    clock.now += 1;
    expect(cache.get(H, 'k')).toEqual({ state: 'miss' });
    expect(cache.size).toBe(0);
  });

  it("never serves an entry at or past the token's exp, and says it expired", () => {
    const { clock, cache } = setup();
    cache.set(H, 'k', identity(1_000 + 5));

    clock.now = 1_004_999;
    expect(cache.get(H, 'k').state).toBe('hit');
    clock.now = 1_005_000;
    expect(cache.get(H, 'k')).toEqual({ state: 'expired' });
    expect(cache.get(H, 'k')).toEqual({ state: 'miss' });
  });

  it('misses for keys it never saw', () => {
    expect(setup().cache.get(H, 'nope')).toEqual({ state: 'miss' });
  });

  it('evicts the oldest entry beyond its size', () => {
    const { cache } = setup(60_000, 2);
    cache.set(H, 'a', identity(10_000));
    cache.set(H, 'b', identity(10_000));
    cache.set(H, 'c', identity(10_000));

    expect(cache.get(H, 'a').state).toBe('miss');
    expect(cache.get(H, 'b').state).toBe('hit');
    expect(cache.size).toBe(2);
  });

  it('replaces an entry set twice without growing', () => {
    const { cache } = setup(60_000, 2);
    cache.set(H, 'a', identity(10_000));
    cache.set(H, 'a', identity(20_000));

    expect(cache.size).toBe(1);
    expect(cache.get(H, 'a')).toMatchObject({ identity: { exp: 20_000 } });
  });

  it('hits only for the same domain and the same Authorization value', () => {
    const { cache } = setup();
    cache.set(H, 'Bearer t', identity(10_000));

    expect(cache.get(H, 'Bearer t').state).toBe('hit');
    expect(cache.get('other.example.com', 'Bearer t').state).toBe('miss');
    expect(cache.get(undefined, 'Bearer t').state).toBe('miss');
    expect(cache.get(H, 'Bearer t ').state).toBe('miss');
    // The issue 18 pair: a line feed moved between the two parts is another request.
    cache.set('h\nx', 'y', identity(10_000));
    expect(cache.get('h', 'x\ny').state).toBe('miss');
  });
});
