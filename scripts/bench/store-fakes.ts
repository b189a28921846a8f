/**
 * Counting stand-ins for the SSM and DynamoDB clients the discovery functions take
 * (`send(command)`), answering from a map after a short delay, as a real store would.
 * They record every call and the most calls that were in flight at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Calls made and the peak number in flight. */
export interface CallStats {
  readonly calls: number;
  readonly peakInFlight: number;
}

abstract class CountingClient {
  calls = 0;
  peakInFlight = 0;
  private inFlight = 0;

  constructor(private readonly delayMs: number) {}

  protected async track<T>(answer: () => T): Promise<T> {
    this.calls++;
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) await sleep(this.delayMs);
      return answer();
    } finally {
      this.inFlight--;
    }
  }

  /** Forgets the counts (before a burst). */
  reset(): void {
    this.calls = 0;
    this.peakInFlight = 0;
  }

  stats(): CallStats {
    return { calls: this.calls, peakInFlight: this.peakInFlight };
  }
}

/** SSM `GetParameter` from a map; a missing name fails like SSM (`ParameterNotFound`). */
export class CountingSsm extends CountingClient {
  readonly parameters = new Map<string, string>();

  send(command: { input: object }): Promise<unknown> {
    const name = (command.input as { Name?: string }).Name ?? '';
    return this.track(() => {
      const value = this.parameters.get(name);
      if (value === undefined) {
        const error = new Error('parameter not found');
        error.name = 'ParameterNotFound';
        throw error;
      }
      return { Parameter: { Name: name, Value: value } };
    });
  }
}

/** DynamoDB `GetItem` from a map keyed by `pk`; a missing key answers with no `Item`. */
export class CountingDynamoDb extends CountingClient {
  readonly items = new Map<string, Record<string, unknown>>();

  send(command: { input: object }): Promise<unknown> {
    const key = (command.input as { Key?: { pk?: { S?: string } } }).Key?.pk?.S ?? '';
    return this.track(() => {
      const item = this.items.get(key);
      return item === undefined ? {} : { Item: item };
    });
  }
}

/** A logger that only counts lines (formatting costs are not what is measured). */
export function countingLogger() {
  let lines = 0;
  const line = () => {
    lines++;
  };
  return { info: line, warn: line, error: line, lines: () => lines };
}
