import { describe, expect, it } from '@jest/globals';
import { BatcherBusyError, ParameterBatcher } from '../../src/parameter-batcher';
import { FakeParameterStore } from '../support/store';
import { PREFIX } from '../support/world';

const names = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `/x/${prefix}${i}`);

function store(count: number, delayMs = 5) {
  const s = new FakeParameterStore(PREFIX);
  for (const name of names(count)) s.putRaw(name, `value of ${name}`);
  s.delayMs = delayMs;
  return s;
}

describe('ParameterBatcher', () => {
  it('reads concurrent misses 10 names per call', async () => {
    const s = store(95);
    const batcher = new ParameterBatcher(s, { maxInFlight: 4, maxWaiting: 1000 });

    const values = await Promise.all(names(95).map((name) => batcher.read(name)));

    expect(values).toEqual(names(95).map((name) => `value of ${name}`));
    expect(s.calls).toHaveLength(10);
    expect(batcher.calls).toBe(10);
    for (const call of s.calls) expect(call.split(',').length).toBeLessThanOrEqual(10);
  });

  it('answers undefined for a name that does not exist, and shares one read per name', async () => {
    const s = store(1);
    const batcher = new ParameterBatcher(s, { maxInFlight: 1, maxWaiting: 10 });

    const [a, b, missing] = await Promise.all([
      batcher.read('/x/p0'),
      batcher.read('/x/p0'),
      batcher.read('/x/none'),
    ]);

    expect([a, b, missing]).toEqual(['value of /x/p0', 'value of /x/p0', undefined]);
    expect(s.calls).toEqual(['/x/p0,/x/none']);
  });

  it('never has more than maxInFlight calls running', async () => {
    const s = store(200, 10);
    let running = 0;
    let peak = 0;
    const counting = {
      getParameter: (name: string) => s.getParameter(name),
      getParameters: async (batch: readonly string[]) => {
        peak = Math.max(peak, ++running);
        try {
          return await s.getParameters(batch);
        } finally {
          running--;
        }
      },
    };
    const batcher = new ParameterBatcher(counting, { maxInFlight: 3, maxWaiting: 1000 });

    await Promise.all(names(200).map((name) => batcher.read(name)));

    expect(peak).toBe(3);
  });

  it('fails fast beyond maxWaiting names, and rejects every waiter of a failed call', async () => {
    const s = store(0);
    s.failWith = new Error('ThrottlingException');
    const batcher = new ParameterBatcher(s, { maxInFlight: 1, maxWaiting: 5 });

    const results = await Promise.allSettled(names(8).map((name) => batcher.read(name)));

    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'));
    expect(reasons.filter((n) => n === 'BatcherBusyError')).toHaveLength(3);
    expect(reasons.filter((n) => n === 'Error')).toHaveLength(5);
    await expect(batcher.read('/x/again')).rejects.toThrow('ThrottlingException');
    expect(new BatcherBusyError().message).toBe('too many parameter reads waiting');
  });

  it('fills a batch with room with names read ahead, and hands their values over', async () => {
    const s = store(12);
    const found = new Map<string, string | undefined>();
    const batcher = new ParameterBatcher(s, {
      maxInFlight: 1,
      maxWaiting: 10,
      prefetch: {
        names: (room, taken) =>
          names(12)
            .filter((n) => !taken.has(n))
            .slice(0, room),
        found: (name, value) => found.set(name, value),
      },
    });

    expect(await batcher.read('/x/p3')).toBe('value of /x/p3');

    expect(s.calls).toHaveLength(1);
    expect(s.calls[0]?.split(',')).toHaveLength(10);
    expect(found.size).toBe(9);
    expect(found.has('/x/p3')).toBe(false);
    expect(found.get('/x/p0')).toBe('value of /x/p0');
  });
});
