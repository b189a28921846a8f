/**
 * One writer of the issuer index at a time. SSM's `PutParameter` has no version check, so two
 * deploys that add to the index at the same moment would each write a shard without the
 * other's pool. The lock is the parameter `<prefix>/issuer-index-lock`, created with
 * `Overwrite: false`: SSM creates a name once, so exactly one of two concurrent creates
 * succeeds and the other gets `ParameterAlreadyExists`.
 *   - free: one `PutParameter`, the work, one `DeleteParameter` (no read: the onboarding's
 *     SSM read budget is untouched);
 *   - held: the holder's record is read, and the call waits (polling) for it to go, up to
 *     `waitMs`; then it fails naming the holder, since when, and how to free it by hand;
 *   - stale (past its `expiresAt`, or not a lock record): deleted and taken. Two waiters can
 *     both judge one lock stale; the second delete can then remove the first taker's fresh lock.
 *     That needs a holder to have died first, and costs what a missing lock costs: a pool
 *     dropped from the index until the next add or rebuild.
 * The lock is released by name without reading it back: work that outlives `staleMs` could
 * remove a later holder's lock. The index work takes seconds; the default is 15 minutes.
 */
import { hostname } from 'node:os';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { registryPrefix } from '@cognito-tenancy/registry/keys';
import type { IssuerIndexClient } from './issuer-index-sync';

/** The lock's parameter, beside (not under) `<prefix>/issuer-index/`, which readers list. */
export const issuerIndexLockName = (prefix: string) => `${registryPrefix(prefix)}/issuer-index-lock`;

export interface IssuerIndexLockOptions {
  /** Who holds it, for the message a waiter prints (default: `<host> pid <pid>`). */
  readonly owner?: string;
  /** How long to wait for a held lock before failing (default 120 s). */
  readonly waitMs?: number;
  /** When a lock counts as abandoned (default 15 min after it was taken). */
  readonly staleMs?: number;
  /** Between two attempts while held (default 1 s). */
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** One line when the call waits, and one when it takes over a stale lock. */
  readonly log?: (line: string) => void;
}

interface LockRecord {
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

const DEFAULTS = { waitMs: 120_000, staleMs: 15 * 60_000, pollMs: 1_000 };
const QUICK_RETRIES = 10;

function parseLock(value: string): LockRecord | undefined {
  try {
    const record = JSON.parse(value) as Partial<LockRecord>;
    const valid =
      typeof record.owner === 'string' &&
      typeof record.acquiredAt === 'string' &&
      !Number.isNaN(Date.parse(record.expiresAt ?? ''));
    return valid ? (record as LockRecord) : undefined;
  } catch {
    return undefined;
  }
}

const isNamed = (error: unknown, name: string) => error instanceof Error && error.name === name;

/** The current holder's value ('' when it has none); undefined when the lock went meanwhile. */
async function holder(ssm: IssuerIndexClient, name: string): Promise<string | undefined> {
  try {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
    return Parameter?.Value ?? '';
  } catch (error) {
    if (isNamed(error, 'ParameterNotFound')) return undefined;
    throw error;
  }
}

async function deleteLock(ssm: IssuerIndexClient, name: string): Promise<void> {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: name }));
  } catch (error) {
    if (!isNamed(error, 'ParameterNotFound')) throw error;
  }
}

/** Runs `work` holding the index lock of `prefix` (see the module comment); releases it after, also on failure. */
export async function withIssuerIndexLock<T>(
  ssm: IssuerIndexClient,
  prefix: string,
  work: () => Promise<T>,
  options: IssuerIndexLockOptions = {},
): Promise<T> {
  const name = issuerIndexLockName(prefix);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const log = options.log ?? (() => {});
  const { waitMs, staleMs, pollMs } = { ...DEFAULTS, ...options };
  const owner = options.owner ?? `${hostname()} pid ${process.pid}`;
  const started = now();
  let announced = false;
  /** Attempts retried at once (the lock went between our create and our read, or was stale). */
  let quick = 0;
  const again = () => {
    quick += 1;
    if (quick > QUICK_RETRIES)
      throw new Error(
        `could not take the issuer index lock ${name}: it changed hands ${QUICK_RETRIES} times`,
      );
  };
  for (;;) {
    const record: LockRecord = {
      owner,
      acquiredAt: new Date(now()).toISOString(),
      expiresAt: new Date(now() + staleMs).toISOString(),
    };
    try {
      await ssm.send(
        new PutParameterCommand({
          Name: name,
          Value: JSON.stringify(record),
          Type: 'String',
          Overwrite: false,
        }),
      );
      break;
    } catch (error) {
      if (!isNamed(error, 'ParameterAlreadyExists')) throw error;
    }
    const held = await holder(ssm, name);
    if (held === undefined) {
      again();
      continue;
    }
    const lock = parseLock(held);
    if (lock === undefined || Date.parse(lock.expiresAt) <= now()) {
      log(
        `issuer index lock: taking over ${name} (${lock === undefined ? 'not a lock record' : `held by ${lock.owner} since ${lock.acquiredAt}, expired ${lock.expiresAt}`})`,
      );
      await deleteLock(ssm, name);
      again();
      continue;
    }
    if (now() - started >= waitMs)
      throw new Error(
        `the issuer index is locked by ${lock.owner} since ${lock.acquiredAt} (waited ${Math.round(waitMs / 1000)} s): another deploy is updating it. Run the deploy again when it is done; if none is running, delete the lock: aws ssm delete-parameter --name ${name}`,
      );
    if (!announced) {
      log(`issuer index lock: held by ${lock.owner} since ${lock.acquiredAt}; waiting`);
      announced = true;
    }
    await sleep(pollMs);
  }
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The work's error is the one to report; a lock left behind goes stale after `staleMs`.
    await deleteLock(ssm, name).catch((release: Error) =>
      log(`issuer index lock: not released (${release.message}): aws ssm delete-parameter --name ${name}`),
    );
    throw error;
  }
  try {
    await deleteLock(ssm, name);
  } catch (error) {
    throw new Error(
      `the issuer index was updated, but its lock was not released (${(error as Error).message}): aws ssm delete-parameter --name ${name}`,
    );
  }
  return result;
}
