/**
 * The issuer index lock (issuer-index-lock.ts): two writers that add at the same moment must
 * both land, a live holder is waited for, an abandoned one (by SSM's LastModifiedDate) taken
 * over, a lock renewed past the wait named, and the lock never outlives the work, also when
 * the work fails. Attacker's side: a lock parameter holding garbage or an oversized value is
 * waited for like any holder and named safely, never a crash and never taken over early.
 */
import { describe, expect, it } from '@jest/globals';
import { addToIssuerIndex } from '../../src/issuer-index-add';
import { issuerIndexLockName, withIssuerIndexLock } from '../../src/issuer-index-lock';
import { syncIssuerIndex } from '../../src/issuer-index-sync';
import { FakeSsm, issuerRecord } from '../support/fake-ssm';

const PREFIX = '/cognito-tenancy/test';
const LOCK = issuerIndexLockName(PREFIX);
const T0 = Date.parse('2026-12-06T10:00:00Z');
const poolId = (n: number) => `eu-west-1_P${String(n).padStart(4, '0')}`;

/** A store whose index lists `count` pools (each with its issuer record). */
async function indexed(count: number): Promise<FakeSsm> {
  const ssm = new FakeSsm();
  for (let n = 1; n <= count; n += 1) ssm.put(`${PREFIX}/issuers/${poolId(n)}`, issuerRecord(poolId(n)));
  await syncIssuerIndex(ssm.client(), PREFIX);
  ssm.calls.length = 0;
  return ssm;
}

const listed = (ssm: FakeSsm) =>
  [...ssm.parameters.keys()]
    .filter((name) => name.startsWith(`${PREFIX}/issuer-index/`))
    .flatMap((name) => (ssm.json(name) as { userPoolIds: string[] }).userPoolIds);

/** A clock the waits advance, shared with the store's LastModifiedDate, so no test sleeps for real. */
function clock(ssm: FakeSsm, start = T0) {
  let t = start;
  ssm.now = () => t;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      await new Promise((done) => setImmediate(done));
    },
  };
}

/** `ssm`'s client, but every `commandName` call rejects with `error`. */
function failing(ssm: FakeSsm, commandName: string, error: Error): ReturnType<FakeSsm['client']> {
  const client = ssm.client();
  return {
    send: (command: { constructor: { name: string } }) =>
      command.constructor.name === commandName ? Promise.reject(error) : client.send(command as never),
  } as unknown as typeof client;
}

describe('withIssuerIndexLock', () => {
  it('creates the lock without overwrite, runs the work while it is held, then deletes it: no read', async () => {
    const ssm = new FakeSsm();
    let heldDuringWork: unknown;

    const result = await withIssuerIndexLock(ssm.client(), PREFIX, async () => {
      heldDuringWork = ssm.json(LOCK);
      return 'done';
    });

    expect(result).toBe('done');
    expect(heldDuringWork).toMatchObject({
      owner: expect.stringContaining('pid'),
      acquiredAt: expect.any(String),
    });
    expect(ssm.parameters.has(LOCK)).toBe(false);
    expect(ssm.calls).toEqual([
      { op: 'put', name: LOCK },
      { op: 'deleteOne', name: LOCK },
    ]);
  });

  it('lets two onboardings at the same moment both land in the index (without it, one is lost)', async () => {
    const add = (ssm: FakeSsm, pool: string, locked: boolean) => {
      const work = () => addToIssuerIndex(ssm.client(), PREFIX, [pool]);
      return locked
        ? withIssuerIndexLock(ssm.client(), PREFIX, work, { ...clock(ssm), owner: pool })
        : work();
    };
    // Unlocked: both read the same index, each writes it back with only its own pool.
    const racing = await indexed(150);
    await Promise.all([add(racing, poolId(901), false), add(racing, poolId(902), false)]);
    expect(listed(racing).filter((p) => p === poolId(901) || p === poolId(902))).toHaveLength(1);

    const ssm = await indexed(150);
    await Promise.all([add(ssm, poolId(901), true), add(ssm, poolId(902), true)]);

    expect(listed(ssm)).toHaveLength(152);
    expect(listed(ssm)).toEqual(expect.arrayContaining([poolId(901), poolId(902)]));
    expect(ssm.parameters.has(LOCK)).toBe(false);
  });

  it('takes the lock as soon as the holder releases it', async () => {
    const ssm = new FakeSsm();
    const time = clock(ssm);
    ssm.put(LOCK, { owner: 'other', acquiredAt: '2026-12-06T10:00:00.000Z' });
    let polls = 0;
    const sleep = async (ms: number) => {
      polls += 1;
      if (polls === 3) ssm.parameters.delete(LOCK); // the holder is done
      await time.sleep(ms);
    };
    const lines: string[] = [];

    const result = await withIssuerIndexLock(ssm.client(), PREFIX, async () => ssm.json(LOCK), {
      now: time.now,
      sleep,
      owner: 'me',
      log: (line) => lines.push(line),
    });

    expect(polls).toBe(3);
    expect(result).toMatchObject({ owner: 'me' });
    expect(ssm.parameters.has(LOCK)).toBe(false);
    expect(lines).toEqual(['issuer index lock: held by other since 2026-12-06T10:00:00.000Z; waiting']);
  });

  it('waits out an abandoned lock and takes it over: a cancelled deploy never fails the next one', async () => {
    const ssm = new FakeSsm();
    const time = clock(ssm);
    ssm.put(LOCK, { owner: 'cancelled pid 1', acquiredAt: '2026-12-06T09:59:00.000Z' }, T0 - 60_000);
    const lines: string[] = [];

    const result = await withIssuerIndexLock(ssm.client(), PREFIX, async () => ssm.json(LOCK), {
      ...time,
      owner: 'me',
      log: (line) => lines.push(line),
    });

    expect(result).toMatchObject({ owner: 'me' });
    // Taken over 3 minutes after its last write (the default), well within the 5-minute wait.
    expect(time.now() - T0).toBeGreaterThanOrEqual(120_000);
    expect(time.now() - T0).toBeLessThan(125_000);
    expect(lines).toEqual([
      'issuer index lock: held by cancelled pid 1 since 2026-12-06T09:59:00.000Z; waiting',
      `issuer index lock: taking over ${LOCK}, abandoned by cancelled pid 1 (last written 2026-12-06T09:59:00.000Z, over 180 s ago)`,
    ]);
    expect(ssm.parameters.has(LOCK)).toBe(false);
  });

  it('fails naming the holder and the fix when the wait runs out before the lock is stale, and leaves it alone', async () => {
    const ssm = new FakeSsm();
    const time = clock(ssm);
    const holder = { owner: 'ci-runner-7 pid 4242', acquiredAt: '2026-12-06T09:59:30.000Z' };
    ssm.put(LOCK, holder, T0 - 30_000);
    // 30 s old when the wait starts, 40 s when it runs out: never stale (60 s) in between.
    const lines: string[] = [];
    let ran = false;

    const attempt = withIssuerIndexLock(
      ssm.client(),
      PREFIX,
      async () => {
        ran = true;
      },
      { ...time, waitMs: 10_000, staleMs: 60_000, log: (line) => lines.push(line) },
    );

    await expect(attempt).rejects.toThrow(
      `the issuer index is locked by ci-runner-7 pid 4242 since 2026-12-06T09:59:30.000Z (waited 10 s; a lock is taken over once 60 s old): another deploy is updating it. If none is running, delete the lock: aws ssm delete-parameter --name ${LOCK}`,
    );
    expect(ran).toBe(false);
    expect(ssm.json(LOCK)).toEqual(holder);
    expect(lines[0]).toBe(
      `issuer index lock: held by ${holder.owner} since 2026-12-06T09:59:30.000Z; waiting`,
    );
  });

  it.each([
    ['not JSON', 'garbage{', 'an unknown holder ("garbage{")'],
    ['JSON without an owner', { owner: 42 }, 'an unknown holder ("{\\"owner\\":42}")'],
    ['oversized', 'x'.repeat(4096), `an unknown holder ("${'x'.repeat(40)}")`],
    ['a long owner', { owner: 'o'.repeat(5000) }, 'o'.repeat(200)],
  ])('waits for a fresh lock that is %s like any holder, naming it safely', async (_what, value, named) => {
    const ssm = new FakeSsm();
    const time = clock(ssm);
    ssm.put(LOCK, value);
    const lines: string[] = [];

    const attempt = withIssuerIndexLock(ssm.client(), PREFIX, async () => 'ran', {
      ...time,
      waitMs: 5_000,
      log: (line) => lines.push(line),
    });

    await expect(attempt).rejects.toThrow(`the issuer index is locked by ${named} since`);
    expect(lines).toEqual([`issuer index lock: held by ${named} since 2026-12-06T10:00:00.000Z; waiting`]);
    expect(ssm.parameters.get(LOCK)?.value).toBe(typeof value === 'string' ? value : JSON.stringify(value));
  });

  it('never judges a lock without a LastModifiedDate abandoned', async () => {
    const ssm = new FakeSsm();
    const time = clock(ssm);
    ssm.parameters.set(LOCK, { value: JSON.stringify({ owner: 'undated' }) });
    const lines: string[] = [];

    const attempt = withIssuerIndexLock(ssm.client(), PREFIX, async () => 'ran', {
      ...time,
      staleMs: 1_000,
      waitMs: 5_000,
      log: (line) => lines.push(line),
    });

    await expect(attempt).rejects.toThrow(
      'the issuer index is locked by undated since an unknown time (waited 5 s;',
    );
    // Said once, not at every poll.
    expect(lines).toEqual(['issuer index lock: held by undated since an unknown time; waiting']);
    expect(ssm.json(LOCK)).toEqual({ owner: 'undated' });
  });

  it('releases the lock when the work fails, and reports the work error', async () => {
    const ssm = new FakeSsm();

    const attempt = withIssuerIndexLock(ssm.client(), PREFIX, async () => {
      throw new Error('ThrottlingException: Rate exceeded');
    });

    await expect(attempt).rejects.toThrow('ThrottlingException: Rate exceeded');
    expect(ssm.parameters.has(LOCK)).toBe(false);
  });

  it('returns the work and says how to free the lock when releasing it fails', async () => {
    const ssm = new FakeSsm();
    const failingDelete = failing(ssm, 'DeleteParameterCommand', new Error('AccessDeniedException'));
    const lines: string[] = [];

    const result = await withIssuerIndexLock(failingDelete, PREFIX, async () => 'updated', {
      log: (line) => lines.push(line),
    });

    expect(result).toBe('updated');
    expect(lines).toEqual([
      `issuer index lock: not released (AccessDeniedException); the next deploy takes it over after 180 s, or delete it now: aws ssm delete-parameter --name ${LOCK}`,
    ]);
  });

  it('gives up with a message when the lock keeps vanishing before it can be read', async () => {
    const ssm = new FakeSsm();
    // A store that always says the name exists and never shows it: no holder to wait for.
    const exists = Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' });
    const flapping = failing(ssm, 'PutParameterCommand', exists);

    await expect(withIssuerIndexLock(flapping, PREFIX, async () => 'never', clock(ssm))).rejects.toThrow(
      `could not take the issuer index lock ${LOCK}: it was freed and taken again 10 times before this deploy got it`,
    );
  });

  it('propagates an SSM error other than "already exists" without running the work', async () => {
    const sent: string[] = [];
    const denied = {
      send: (command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        return Promise.reject(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
      },
    } as unknown as ReturnType<FakeSsm['client']>;
    let ran = false;

    await expect(
      withIssuerIndexLock(denied, PREFIX, async () => {
        ran = true;
      }),
    ).rejects.toThrow('not allowed');
    expect(ran).toBe(false);
    expect(sent).toEqual(['PutParameterCommand']);
  });
});
