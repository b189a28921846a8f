/**
 * One writer of the issuer index at a time. SSM's `PutParameter` has no version check, so two
 * deploys that add to the index at the same moment would each write a shard without the
 * other's pool. The lock is the parameter `<prefix>/issuer-index-lock`, created with
 * `Overwrite: false`: SSM creates a name once, so exactly one of two concurrent creates
 * succeeds and the other gets `ParameterAlreadyExists`.
 *   - free: one `PutParameter`, the work, one `DeleteParameter` (no read: the onboarding's
 *     SSM read budget is untouched);
 *   - held: the lock is read and the call waits, polling, while it is younger than `staleMs`
 *     by SSM's own `LastModifiedDate` (not the holder's clock, not the record's format, so a
 *     later tool version's lock is respected too). The index work takes seconds, so a lock
 *     that old was left by a deploy that died or was cancelled: it is deleted and taken, with
 *     a line that says so. `waitMs` (longer than `staleMs`) only bounds a lock that keeps being
 *     renewed by others: then the call fails, naming the holder and how to free it by hand.
 * What it does not cover: two waiters that both judge one lock stale can both go ahead (the
 * second delete removes the first taker's lock); and the lock is released by name without
 * reading it back, so work that outlives `staleMs` could release a later holder's lock. Either
 * costs what a missing lock costs: a pool dropped from the index until the next add or rebuild.
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
  /** When a held lock counts as abandoned, by its last write (default 3 min). */
  readonly staleMs?: number;
  /** How long to wait in all before failing (default 5 min: past `staleMs`, so one abandoned lock never fails a deploy). */
  readonly waitMs?: number;
  /** Between two attempts while held, with up to half of it again as jitter (default 1 s). */
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** One line when the call waits, one when it takes over an abandoned lock, one when the release fails. */
  readonly log?: (line: string) => void;
}

const DEFAULTS = { staleMs: 3 * 60_000, waitMs: 5 * 60_000, pollMs: 1_000 };
/** Times the lock may vanish between our create and our read before the call gives up. */
const QUICK_RETRIES = 10;

/** SDK v3 errors carry their exception name (`ParameterNotFound`, ...). */
const isNamed = (error: unknown, name: string) => (error as { name?: unknown } | null)?.name === name;

/** Who holds it (the record's `owner`, else its text, shortened) and when SSM last wrote it. */
interface Held {
  readonly owner: string;
  /** Undefined without a `LastModifiedDate` (SSM always sends one): such a lock never goes stale. */
  readonly since?: number;
}

/** The current lock; undefined when it went meanwhile. */
async function held(ssm: IssuerIndexClient, name: string): Promise<Held | undefined> {
  let parameter: { Value?: string; LastModifiedDate?: Date } | undefined;
  try {
    parameter = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter;
  } catch (error) {
    if (isNamed(error, 'ParameterNotFound')) return undefined;
    throw error;
  }
  let owner: unknown;
  try {
    owner = (JSON.parse(parameter?.Value ?? '') as { owner?: unknown })?.owner;
  } catch {
    owner = undefined;
  }
  return {
    owner:
      typeof owner === 'string'
        ? owner.slice(0, 200)
        : `an unknown holder (${JSON.stringify((parameter?.Value ?? '').slice(0, 40))})`,
    ...(parameter?.LastModifiedDate === undefined ? {} : { since: parameter.LastModifiedDate.getTime() }),
  };
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
  const staleMs = options.staleMs ?? DEFAULTS.staleMs;
  const waitMs = options.waitMs ?? DEFAULTS.waitMs;
  const pollMs = options.pollMs ?? DEFAULTS.pollMs;
  const owner = options.owner ?? `${hostname()} pid ${process.pid}`;
  const started = now();
  let waiting: string | undefined;
  let vanished = 0;
  for (;;) {
    const record = { owner, acquiredAt: new Date(now()).toISOString() };
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
    const lock = await held(ssm, name);
    const abandoned = lock?.since !== undefined && now() - lock.since >= staleMs;
    if (lock === undefined || abandoned) {
      if (lock !== undefined) {
        log(
          `issuer index lock: taking over ${name}, abandoned by ${lock.owner} (last written ${new Date(lock.since ?? 0).toISOString()}, over ${Math.round(staleMs / 1000)} s ago)`,
        );
        await deleteLock(ssm, name);
      }
      vanished += 1;
      if (vanished > QUICK_RETRIES)
        throw new Error(
          `could not take the issuer index lock ${name}: it was freed and taken again ${QUICK_RETRIES} times before this deploy got it`,
        );
      continue;
    }
    const since = lock.since === undefined ? 'an unknown time' : new Date(lock.since).toISOString();
    if (now() - started >= waitMs)
      throw new Error(
        `the issuer index is locked by ${lock.owner} since ${since} (waited ${Math.round(waitMs / 1000)} s; a lock is taken over once ${Math.round(staleMs / 1000)} s old): another deploy is updating it. If none is running, delete the lock: aws ssm delete-parameter --name ${name}`,
      );
    if (waiting !== `${lock.owner} ${since}`) {
      waiting = `${lock.owner} ${since}`;
      log(`issuer index lock: held by ${lock.owner} since ${since}; waiting`);
    }
    await sleep(pollMs * (1 + Math.random() / 2));
  }
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The work's error is the one to report; a lock left behind is taken over once stale.
    await release(ssm, name, staleMs, log);
    throw error;
  }
  await release(ssm, name, staleMs, log);
  return result;
}

/** Deletes the lock; a failure is reported, not thrown: the work is done, and the lock goes stale. */
async function release(ssm: IssuerIndexClient, name: string, staleMs: number, log: (line: string) => void) {
  try {
    await deleteLock(ssm, name);
  } catch (error) {
    log(
      `issuer index lock: not released (${(error as Error).message}); the next deploy takes it over after ${Math.round(staleMs / 1000)} s, or delete it now: aws ssm delete-parameter --name ${name}`,
    );
  }
}
