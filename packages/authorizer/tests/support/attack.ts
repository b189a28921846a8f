/** Helpers for the attacker-side suites. */
import { expect } from '@jest/globals';
import { decide, type World } from './world';

/** Asserts the event is answered 401 with no registry read and no key fetch at all. */
export async function expectRejectedBeforeIo(w: World, event: unknown): Promise<void> {
  const calls = w.store.calls.length;
  const fetches = w.fetcher.requests.length;
  expect((await decide(w.handler, event)).kind).toBe('unauthorized');
  expect(w.store.calls.length).toBe(calls);
  expect(w.fetcher.requests.length).toBe(fetches);
}

/** Asserts the event is answered 401 (whatever I/O it took) with the given reason. */
export async function expectUnauthorized(w: World, event: unknown, reason?: string): Promise<void> {
  expect((await decide(w.handler, event)).kind).toBe('unauthorized');
  if (reason !== undefined) expect(w.logger.lastReason()).toBe(reason);
}

/** Every upper/lower-case spelling of `word`. */
export function casings(word: string): string[] {
  let spellings = [''];
  for (const c of word) {
    spellings = spellings.flatMap((s) => [...new Set([s + c.toLowerCase(), s + c.toUpperCase()])]);
  }
  return spellings;
}
