/**
 * The state folder (`.local-stack/` by default): everything the stack keeps between runs.
 * A marker file makes `--reset` safe: it deletes only a folder the stack created itself,
 * never whatever directory `--state` happened to name.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = '.cognito-tenancy-local-stack';

export class StateDirError extends Error {
  override readonly name = 'StateDirError';
}

/** Creates the folder (and its marker) when missing; refuses a non-empty folder without the marker. */
export function prepareStateDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
    throw new StateDirError(
      `${dir} is not empty and was not made by the local stack; choose another --state folder`,
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, MARKER),
    'State of the cognito-tenancy local stack; `./scripts/pnpmw start --reset` deletes this folder.\n',
  );
}

/** Deletes the folder when the stack made it; a missing folder is fine. */
export function resetStateDir(dir: string): void {
  if (!existsSync(dir)) return;
  if (readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
    throw new StateDirError(`refusing to reset ${dir}: it was not made by the local stack`);
  }
  rmSync(dir, { recursive: true, force: true });
}
