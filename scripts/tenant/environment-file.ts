/**
 * Finding, reading and rewriting an environment file. Reading and validation are the
 * registry's (`loadEnvironmentFile`, `parseEnvironment`); this module adds the name-or-path
 * lookup and an atomic write that refuses to clobber a concurrent edit.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { ENVIRONMENT_NAME } from '@cognito-tenancy/registry/identifiers';
import { CommandError, UsageError } from './errors';

/** `dev` -> `<root>/infra/environments/dev.json`; anything with a slash or `.json` is a path. */
export function resolveEnvironmentPath(arg: string, root: string, cwd: string): string {
  if (arg.includes('/') || arg.includes('\\') || arg.endsWith('.json') || isAbsolute(arg)) {
    return resolve(cwd, arg);
  }
  if (!ENVIRONMENT_NAME.test(arg)) {
    throw new UsageError(
      `'${arg}' is neither an environment name (like dev, lowercase) nor a path to a .json file`,
    );
  }
  return join(root, 'infra', 'environments', `${arg}.json`);
}

/** The file's text and its parsed JSON, with the registry's error for unreadable files. */
export function readEnvironmentText(path: string): { text: string; raw: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const hint = code === 'ENOENT' ? '; check the environment name or path' : '';
    throw new EnvironmentFileError(path, [`cannot read the file (${code})${hint}`]);
  }
  try {
    return { text, raw: JSON.parse(text) };
  } catch (error) {
    throw new EnvironmentFileError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
}

/**
 * Replaces `path` with `text` atomically (temp file in the same directory, fsync, rename),
 * keeping the file mode. Refuses when the file no longer holds `expected`.
 */
export function writeFileAtomic(path: string, text: string, expected: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = statSync(path).mode & 0o777;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (readFileSync(path, 'utf8') !== expected) {
      throw new CommandError(`${path} changed while this command ran; nothing was written, run it again`);
    }
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
