/**
 * What a command may touch, passed in so tests run every command in-process with fake
 * streams, a fixed clock and a fake fetcher. main.ts wires the real ones.
 */
import type { FetchOptions } from './metadata/load';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream;
  /** Prompts only when stdin is a terminal. */
  readonly stdinIsTTY: boolean;
  /** The user's working directory: relative paths in arguments are resolved here. */
  readonly cwd: string;
  /** Repository root: environment names resolve to `<root>/infra/environments/<name>.json`. */
  readonly root: string;
  readonly now: () => Date;
  readonly fetchMetadata: (url: string, options: FetchOptions) => Promise<Buffer>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help text (`tenant <command> --help`). */
  readonly help: string;
  /** Runs the command; returns the exit code. Throws UsageError / CommandError for the CLI to map. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
