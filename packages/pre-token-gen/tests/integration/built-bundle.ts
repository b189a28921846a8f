/**
 * The built bundle of this package, built on demand: `pnpm test` has already built it, so
 * an up-to-date bundle is left alone (other suites may be running it); a missing or stale
 * one (older than any source) is rebuilt with the workspace's build function.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleLambda } from '@cognito-tenancy/build/bundle';

const packageDir = join(import.meta.dirname, '..', '..');
const sourceDirs = [join(packageDir, 'src'), join(packageDir, '..', 'registry', 'src')];

function newestSource(): number {
  let newest = 0;
  for (const dir of sourceDirs) {
    for (const file of readdirSync(dir)) newest = Math.max(newest, statSync(join(dir, file)).mtimeMs);
  }
  return newest;
}

/** Absolute path of `dist/index.mjs`, fresh. */
export async function builtBundle(): Promise<string> {
  const bundle = join(packageDir, 'dist', 'index.mjs');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) return bundle;
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const lambda = manifest.cognitoTenancy.lambda;
  await bundleLambda({
    name: 'pre-token-gen',
    dir: packageDir,
    entry: join(packageDir, lambda.entry),
    budget: lambda.budget,
  });
  return bundle;
}
