/** A logger that records lines, so tests can assert reason codes and what is never logged. */
import type { AuthorizerLogger, LogFields } from '../../src/logger';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

export class RecordingLogger implements AuthorizerLogger {
  readonly lines: LogLine[] = [];
  debug(message: string, fields: LogFields) {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(message: string, fields: LogFields) {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: LogFields) {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: LogFields) {
    this.lines.push({ level: 'error', message, fields });
  }
  /** The reason code of the last line. */
  lastReason(): unknown {
    return this.lines.at(-1)?.fields.reason;
  }
  /** Everything logged, as one string (to prove a token never appears). */
  text(): string {
    return JSON.stringify(this.lines);
  }
}
