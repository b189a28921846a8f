/** Where a copy may go: a new or empty folder outside the workspace. */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** A refused request; the message says what to do instead. */
export class CopyOutRefusal extends Error {
  override readonly name = 'CopyOutRefusal';
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  return resolve(realpathSync(existing), ...rest);
}

/**
 * The absolute target for `target` as typed by the user (relative to the folder they ran
 * the command in: `PNPMW_CWD` from ./scripts/pnpmw, `INIT_CWD` from pnpm), after the checks.
 */
export function resolveTarget(
  root: string,
  target: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const base = env.PNPMW_CWD || env.INIT_CWD || process.cwd();
  const absolute = isAbsolute(target) ? target : resolve(base, target);
  const real = realish(absolute);
  const inside = relative(realpathSync(root), real);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new CopyOutRefusal(
      `${absolute} is inside the workspace (${root}). A copy there is not standalone: pnpm would install it ` +
        'as part of this workspace (its pnpm-workspace.yaml, catalog and lockfile apply to every folder below it), ' +
        'and its node_modules would resolve workspace packages. Choose a folder outside, e.g. ' +
        `${resolve(root, '..', 'copied-lambda')}.`,
    );
  }
  if (existsSync(real)) {
    if (!statSync(real).isDirectory()) throw new CopyOutRefusal(`${absolute} exists and is not a folder.`);
    if (readdirSync(real).length > 0) {
      throw new CopyOutRefusal(
        `${absolute} is not empty. copy-out writes a whole package and never overwrites: give a new or empty folder.`,
      );
    }
  }
  return real;
}
