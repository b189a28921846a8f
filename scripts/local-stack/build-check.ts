/**
 * The local stack runs the BUILT bundles, as Lambda would. Before starting, check that
 * every function has one and say how to make them; `--build` runs the build instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { findLambdaPackages } from '@cognito-tenancy/build/lambda-packages';
import { builtBundle } from './lambda-invoke-server';
import { REPO_ROOT } from './options';

/** A function of the local stack: a Lambda package under `packages/`. */
export type FunctionName = string;

/**
 * The functions of the local stack: every Lambda package, from the manifests
 * (`cognitoTenancy.lambda`), the one list build and infra use too.
 */
export const FUNCTIONS: readonly FunctionName[] = findLambdaPackages(REPO_ROOT).map((pkg) => pkg.name);

/** Workspace packages bundled into every function: a change there makes every bundle stale. */
const SHARED_SOURCES = ['registry', 'kit'];

export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
}

/** Functions whose bundle is missing. */
export function missingBundles(root = REPO_ROOT): FunctionName[] {
  return FUNCTIONS.filter((name) => !existsSync(builtBundle(name, root)));
}

/** Bundles older than a source file of their package, the registry or the kit (a hint, not an error). */
export function staleBundles(
  root = REPO_ROOT,
  newestSource: (dir: string) => number = newestMtime,
): FunctionName[] {
  const shared = Math.max(...SHARED_SOURCES.map((name) => newestSource(`${root}/packages/${name}/src`)));
  return FUNCTIONS.filter((name) => {
    const bundle = builtBundle(name, root);
    if (!existsSync(bundle)) return false;
    const built = statSync(bundle).mtimeMs;
    return Math.max(newestSource(`${root}/packages/${name}/src`), shared) > built;
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
