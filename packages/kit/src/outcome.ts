/**
 * An outcome rides on the value that ends an invocation (a response, or the error the
 * runtime gets) as a hidden property, so the log middleware can write one line for it
 * without changing what the function returns.
 */

/** Log levels an outcome may take. */
export type Level = 'info' | 'warn' | 'error';

/** What one invocation ended in, for its log line. */
export interface Outcome {
  /** A stable code, e.g. `signed-out`, `sub-invalid` (the README's error table). */
  readonly reason: string;
  /** `info` unless said otherwise. */
  readonly level?: Level;
  readonly fields?: Readonly<Record<string, unknown>>;
  /** The log line's message when it differs by outcome (a trigger's `sign-in rejected`). */
  readonly message?: string;
}

const OUTCOME = Symbol.for('cognito-tenancy.outcome');

/** Marks `value` (returned or thrown) with its outcome; returns `value`. */
export function withOutcome<T extends object>(value: T, outcome: Outcome): T {
  // Not enumerable and a symbol: JSON.stringify and the Lambda runtime never see it.
  Object.defineProperty(value, OUTCOME, { value: outcome, enumerable: false, configurable: true });
  return value;
}

/** The outcome `value` was marked with, if any. */
export function outcomeOf(value: unknown): Outcome | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [OUTCOME]?: Outcome })[OUTCOME];
}
