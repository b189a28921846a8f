/**
 * Entry point of `pnpm tenant ...`: wires the real process (streams, clock, HTTPS fetcher)
 * into the CLI. pnpm runs scripts from the repository root; INIT_CWD is where the user
 * typed the command (PNPMW_CWD when run through scripts/pnpmw, which may start it from a
 * nested pnpm), so relative paths mean what they expect.
 */
import { join } from 'node:path';
import { runCli } from './cli';
import { fetchMetadata } from './metadata/load';

const root = join(import.meta.dirname, '..', '..');

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY === true,
  cwd: process.env.PNPMW_CWD || process.env.INIT_CWD || process.cwd(),
  root,
  now: () => new Date(),
  fetchMetadata,
}).then((code) => {
  process.exitCode = code;
});
