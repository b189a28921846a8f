/**
 * The ACS's replay store never forgets a live assertion ID: when full it refuses (the
 * sign-in fails closed) instead of evicting, so a flood cannot push an ID out and replay it.
 */

import { createReplayStore } from '@cognito-tenancy/local-stack/saml/replay-store';
import { describe, expect, it } from '@jest/globals';

describe('the replay store', () => {
  it('remembers an ID until it expires, then forgets it', () => {
    let now = 1_000;
    const store = createReplayStore(10, () => now);
    expect(store.remember('_a', 2_000)).toBe(true);
    expect(store.has('_a')).toBe(true);
    now = 2_000;
    expect(store.has('_a')).toBe(false);
  });

  it('refuses to remember when full of live IDs, and keeps every one of them', () => {
    const store = createReplayStore(3, () => 0);
    for (const id of ['_1', '_2', '_3']) expect(store.remember(id, 100)).toBe(true);
    expect(store.remember('_flood', 100)).toBe(false);
    for (const id of ['_1', '_2', '_3']) expect(store.has(id)).toBe(true);
    expect(store.has('_flood')).toBe(false);
  });

  it('makes room by dropping only expired IDs', () => {
    let now = 0;
    const store = createReplayStore(2, () => now);
    store.remember('_old', 10);
    store.remember('_live', 1_000);
    now = 50;
    expect(store.remember('_new', 1_000)).toBe(true);
    expect(store.has('_live')).toBe(true);
    expect(store.size).toBe(2);
  });
});
