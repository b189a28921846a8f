/**
 * The ACS's memory of used assertion IDs. It never forgets an ID before the assertion
 * expires: a cache that evicted live entries under pressure would let a flood of sign-ins
 * push an ID out and the assertion be replayed. When it is full of live IDs it refuses to
 * remember more, and the ACS refuses the sign-in (fail closed) until some expire.
 */
import type { ReplayCache } from './validate-response';

export function createReplayStore(
  maxEntries: number,
  now: () => number,
): ReplayCache & { readonly size: number } {
  const until = new Map<string, number>();
  const sweep = () => {
    const at = now();
    for (const [id, expiry] of until) if (expiry <= at) until.delete(id);
  };
  return {
    get size() {
      return until.size;
    },
    has(id) {
      const expiry = until.get(id);
      return expiry !== undefined && expiry > now();
    },
    remember(id, expiry) {
      if (until.size >= maxEntries) sweep();
      if (until.size >= maxEntries) return false;
      until.set(id, expiry);
      return true;
    },
  };
}
