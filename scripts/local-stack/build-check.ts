/**
 * The local stack runs the BUILT bundles, as Lambda would. Before starting, check that
 * every function has one and say how to make them; `--build` runs the build instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { ROUTES, type RouteFunction } from '@cognito-tenancy/registry/routes';
import { builtBundle } from './lambda-invoke-server';
import { REPO_ROOT } from './options';

/** The functions of the local stack (package names under `packages/`): those of the route table, the authorizer and the trigger. */
export type FunctionName = RouteFunction | 'authorizer' | 'pre-token-gen';
export const FUNCTIONS: readonly FunctionName[] = [
  ...new Set<FunctionName>([
    ...ROUTES.flatMap((route) => ('lambda' in route.target ? [route.target.lambda] : [])),
    'authorizer',
    'pre-token-gen',
  ]),
];

export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
}

/** Functions whose bundle is missing. */
export function missingBundles(root = REPO_ROOT): FunctionName[] {
  return FUNCTIONS.filter((name) => !existsSync(builtBundle(name, root)));
}

/** Bundles older than a source file of their package or of the registry (a hint, not an error). */
export function staleBundles(
  root = REPO_ROOT,
  newestSource: (dir: string) => number = newestMtime,
): FunctionName[] {
  const registry = newestSource(`${root}/packages/registry/src`);
  return FUNCTIONS.filter((name) => {
    const bundle = builtBundle(name, root);
    if (!existsSync(bundle)) return false;
    const built = statSync(bundle).mtimeMs;
    return Math.max(newestSource(`${root}/packages/${name}/src`), registry) > built;
  });
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(`${path}/${entry}`);
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  walk(dir);
  return newest;
}

/** Checks the bundles; with `build`, runs `pnpm build` for the missing ones. */
export function ensureBundles(build: boolean, log: (line: string) => void, root = REPO_ROOT): void {
  const missing = missingBundles(root);
  if (missing.length === 0) return;
  if (!build) {
    throw new MissingBuildError(
      `no built bundle for ${missing.join(', ')}.\nRun \`./scripts/pnpmw build\` first (or \`./scripts/pnpmw start --build\`).`,
    );
  }
  log(`building ${missing.join(', ')} (pnpm build) ...`);
  const result = spawnSync('pnpm', ['build', ...missing], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 || missingBundles(root).length > 0) {
    throw new MissingBuildError('pnpm build failed; see its output above');
  }
}
