/**
 * Coalesces Parameter Store reads into `GetParameters` calls of up to 10 names, with a
 * bound on calls in flight and on names waiting (more fail fast). A cold instance that
 * receives the first requests of many tenants at once makes one call per 10 records
 * instead of one per record, and never more than `maxInFlight` at a time (SSM's quota is
 * shared by the whole account). A batch with room may be filled with names worth
 * reading ahead (`prefetch`: registered issuers not cached yet).
 */
import type { ParameterStore } from './registry-reader';

/** Names read ahead when a batch has room, and where their values go. */
export interface Prefetch {
  /** Up to `room` names to read along, none of them in `taken`. */
  names(room: number, taken: ReadonlySet<string>): string[];
  /** The value read for a name from {@link names} (`undefined`: no such parameter). */
  found(name: string, value: string | undefined): void;
}

export interface ParameterBatcherOptions {
  /** `GetParameters` calls running at once at most. */
  readonly maxInFlight: number;
  /** Names waiting for a batch at most; more fail fast with {@link BatcherBusyError}. */
  readonly maxWaiting: number;
  readonly prefetch?: Prefetch;
}

/** Too many names are waiting to be read. */
export class BatcherBusyError extends Error {
  override readonly name = 'BatcherBusyError';
  constructor() {
    super('too many parameter reads waiting');
  }
}

interface Waiter {
  readonly resolve: (value: string | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/** SSM's limit on names per `GetParameters` call. */
export const GET_PARAMETERS_BATCH = 10;

/** See the module comment. */
export class ParameterBatcher {
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly reading = new Set<string>();
  private inFlight = 0;
  private scheduled = false;
  /** `GetParameters` calls made so far. */
  calls = 0;

  constructor(
    private readonly store: ParameterStore,
    private readonly options: ParameterBatcherOptions,
  ) {}

  /** The value of parameter `name`, or `undefined` when it does not exist. */
  read(name: string): Promise<string | undefined> {
    const waiters = this.waiting.get(name);
    if (waiters === undefined && this.waiting.size >= this.options.maxWaiting) {
      return Promise.reject(new BatcherBusyError());
    }
    return new Promise((resolve, reject) => {
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(name, [{ resolve, reject }]);
      this.schedule();
    });
  }

  /** Sends batches once the current synchronous work is done, so concurrent misses share them. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.size > 0) {
      const batch = new Map<string, Waiter[]>();
      for (const [name, waiters] of this.waiting) {
        if (batch.size >= GET_PARAMETERS_BATCH) break;
        batch.set(name, waiters);
      }
      for (const name of batch.keys()) this.waiting.delete(name);
      const taken = new Set([...batch.keys(), ...this.reading, ...this.waiting.keys()]);
      const extra = this.options.prefetch?.names(GET_PARAMETERS_BATCH - batch.size, taken) ?? [];
      this.send(batch, extra.slice(0, GET_PARAMETERS_BATCH - batch.size));
    }
  }

  private send(batch: ReadonlyMap<string, Waiter[]>, extra: readonly string[]): void {
    const names = [...batch.keys(), ...extra];
    for (const name of names) this.reading.add(name);
    this.inFlight++;
    this.calls++;
    let read: Promise<ReadonlyMap<string, string>>;
    try {
      read = this.store.getParameters(names);
    } catch (error) {
      read = Promise.reject(error);
    }
    read
      .then(
        (values) => {
          for (const [name, waiters] of batch) for (const w of waiters) w.resolve(values.get(name));
          for (const name of extra) {
            try {
              this.options.prefetch?.found(name, values.get(name));
            } catch {
              // A damaged record read ahead is left to its own (failing-closed) read.
            }
          }
        },
        (error: unknown) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        },
      )
      .finally(() => {
        for (const name of names) this.reading.delete(name);
        this.inFlight--;
        this.pump();
      });
  }
}
