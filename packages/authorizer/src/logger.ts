/**
 * The logging surface the authorizer needs: one structured line per decision with a
 * `reason` code. Never the token, claims an attacker chose, emails or the event.
 * The Lambda wires Powertools' Logger (level from `POWERTOOLS_LOG_LEVEL`).
 */

/** Values of a log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** What the handler logs through. */
export interface AuthorizerLogger {
  /** Optional: a logger without it drops debug lines. */
  debug?(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}
