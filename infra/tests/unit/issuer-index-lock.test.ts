/**
 * The issuer index lock (issuer-index-lock.ts): two writers that add at the same moment must
 * both land, a live holder is waited for and then named, an abandoned lock is taken over, and
 * the lock never outlives the work, also when the work fails. Attacker's side: a lock
 * parameter holding garbage or an oversized value is treated as abandoned, never a crash.
 */
import { describe, expect, it } from '@jest/globals';
import { addToIssuerIndex } from '../../src/issuer-index-add';
import { issuerIndexLockName, withIssuerIndexLock } from '../../src/issuer-index-lock';
import { syncIssuerIndex } from '../../src/issuer-index-sync';
import { FakeSsm, issuerRecord } from '../support/fake-ssm';

const PREFIX = '/cognito-tenancy/test';
const LOCK = issuerIndexLockName(PREFIX);
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

/** A clock the waits advance, so a test never sleeps for real. */
function clock(start = Date.parse('2026-12-06T10:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      await new Promise((done) => setImmediate(done));
    },
  };
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
      expiresAt: expect.any(String),
    });
    expect(ssm.parameters.has(LOCK)).toBe(false);
    expect(ssm.calls).toEqual([
      { op: 'put', name: LOCK },
      { op: 'delete', names: [LOCK] },
    ]);
  });

  it('lets two onboardings at the same moment both land in the index (without it, one is lost)', async () => {
    const add = (ssm: FakeSsm, pool: string, locked: boolean) => {
      const work = () => addToIssuerIndex(ssm.client(), PREFIX, [pool]);
      return locked ? withIssuerIndexLock(ssm.client(), PREFIX, work, clock()) : work();
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

  it('waits for a live holder, then fails naming it and the fix, and leaves its lock alone', async () => {
    const ssm = new FakeSsm();
    const holder = {
      owner: 'ci-runner-7 pid 4242',
      acquiredAt: '2026-12-06T09:59:30.000Z',
      expiresAt: '2026-12-06T10:14:30.000Z',
    };
    ssm.put(LOCK, holder);
    const lines: string[] = [];
    let ran = false;

    const attempt = withIssuerIndexLock(
      ssm.client(),
      PREFIX,
      async () => {
        ran = true;
      },
      { ...clock(), waitMs: 10_000, pollMs: 1_000, log: (line) => lines.push(line) },
    );

    await expect(attempt).rejects.toThrow(
      `the issuer index is locked by ci-runner-7 pid 4242 since 2026-12-06T09:59:30.000Z (waited 10 s): another deploy is updating it. Run the deploy again when it is done; if none is running, delete the lock: aws ssm delete-parameter --name ${LOCK}`,
    );
    expect(ran).toBe(false);
    expect(ssm.json(LOCK)).toEqual(holder);
    expect(lines).toEqual([`issuer index lock: held by ${holder.owner} since ${holder.acquiredAt}; waiting`]);
  });

  it('takes the lock as soon as the holder releases it', async () => {
    const ssm = new FakeSsm();
    ssm.put(LOCK, {
      owner: 'other',
      acquiredAt: '2026-12-06T10:00:00.000Z',
      expiresAt: '2026-12-06T10:15:00.000Z',
    });
    const time = clock();
    let polls = 0;
    const sleep = async (ms: number) => {
      polls += 1;
      if (polls === 3) ssm.parameters.delete(LOCK); // the holder is done
      await time.sleep(ms);
    };

    const result = await withIssuerIndexLock(ssm.client(), PREFIX, async () => ssm.json(LOCK), {
      now: time.now,
      sleep,
      owner: 'me',
    });

    expect(polls).toBe(3);
    expect(result).toMatchObject({ owner: 'me' });
    expect(ssm.parameters.has(LOCK)).toBe(false);
  });

  it.each([
    [
      'expired',
      {
        owner: 'crashed pid 1',
        acquiredAt: '2026-12-06T09:00:00.000Z',
        expiresAt: '2026-12-06T09:15:00.000Z',
      },
    ],
    ['not JSON', 'garbage{'],
    ['JSON without the fields', { owner: 42 }],
    ['an unparseable expiry', { owner: 'x', acquiredAt: 'y', expiresAt: 'not a date' }],
    ['oversized', 'x'.repeat(4096)],
  ])('takes over a lock that is %s, says so, and releases it after the work', async (_what, value) => {
    const ssm = new FakeSsm();
    ssm.put(LOCK, value);
    const lines: string[] = [];

    const result = await withIssuerIndexLock(ssm.client(), PREFIX, async () => ssm.json(LOCK), {
      ...clock(),
      owner: 'me',
      log: (line) => lines.push(line),
    });

    expect(result).toMatchObject({ owner: 'me' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^issuer index lock: taking over ${LOCK} \\((held by crashed pid 1 .*expired|not a lock record)`,
      ),
    );
    expect(ssm.parameters.has(LOCK)).toBe(false);
  });

  it('releases the lock when the work fails, and reports the work error', async () => {
    const ssm = new FakeSsm();

    const attempt = withIssuerIndexLock(ssm.client(), PREFIX, async () => {
      throw new Error('ThrottlingException: Rate exceeded');
    });

    await expect(attempt).rejects.toThrow('ThrottlingException: Rate exceeded');
    expect(ssm.parameters.has(LOCK)).toBe(false);
  });

  it('says how to free the lock when releasing it fails after the work', async () => {
    const ssm = new FakeSsm();
    const client = ssm.client();
    const failingDelete = {
      send: (command: { constructor: { name: string } }) =>
        command.constructor.name === 'DeleteParameterCommand'
          ? Promise.reject(new Error('AccessDeniedException'))
          : client.send(command as never),
    } as unknown as typeof client;

    const attempt = withIssuerIndexLock(failingDelete, PREFIX, async () => 'updated');

    await expect(attempt).rejects.toThrow(
      `the issuer index was updated, but its lock was not released (AccessDeniedException): aws ssm delete-parameter --name ${LOCK}`,
    );
  });

  it('gives up with a message when the lock keeps changing hands', async () => {
    const ssm = new FakeSsm();
    const client = ssm.client();
    // A store that always says the name exists and never shows it: no holder to wait for.
    const flapping = {
      send: (command: { constructor: { name: string } }) =>
        command.constructor.name === 'PutParameterCommand'
          ? Promise.reject(Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' }))
          : client.send(command as never),
    } as unknown as typeof client;

    await expect(withIssuerIndexLock(flapping, PREFIX, async () => 'never', clock())).rejects.toThrow(
      `could not take the issuer index lock ${LOCK}: it changed hands 10 times`,
    );
  });

  it('propagates an SSM error other than "already exists" without running the work', async () => {
    const ssm = new FakeSsm();
    const denied = {
      send: () => Promise.reject(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' })),
    } as unknown as ReturnType<FakeSsm['client']>;
    let ran = false;

    await expect(
      withIssuerIndexLock(denied, PREFIX, async () => {
        ran = true;
      }),
    ).rejects.toThrow('not allowed');
    expect(ran).toBe(false);
    expect(ssm.calls).toEqual([]);
  });
});
