/**
 * Section 2: cold start of every Lambda package (`cognitoTenancy.lambda`). The bundles
 * `pnpm build` made are reused when they are newer than every input; otherwise the
 * stale packages are built first, with the same build the project ships.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLambdaPackages, type LambdaPackage } from '@cognito-tenancy/build/lambda-packages';
import { type ColdStartResult, coldStart } from './cold-start';

/**
 * The variables each function needs to pass `loadConfig` at import (see its
 * src/config.ts); everything else takes its default. A Lambda missing here is reported
 * as not measured (its import would fail its own config check), not guessed at.
 */
export const REQUIRED_ENV: Readonly<Record<string, Record<string, string>>> = {
  // As infra deploys it: the forced sign-out check on (REVOCATION_TABLE_NAME set).
  authorizer: { REGISTRY_PREFIX: '/cognito-tenancy/bench', REVOCATION_TABLE_NAME: 'bench-revocations' },
  'config-resolver': { REGISTRY_PREFIX: '/cognito-tenancy/bench' },
  'pre-token-gen': { TENANT_TABLE_NAME: 'bench-tenants' },
  'sign-out': { TENANT_TABLE_NAME: 'bench-tenants', REVOCATION_TABLE_NAME: 'bench-revocations' },
  'tenant-match': { TENANT_TABLE_NAME: 'bench-tenants' },
  pets: {
    TENANT_TABLE_NAME: 'bench-tenants',
    PETS_TABLE_NAME: 'bench-pets',
    CORS_ALLOWED_ORIGINS: 'https://app.example.com',
  },
};

export interface ColdStartSection {
  readonly results: readonly ColdStartResult[];
  /** Packages rebuilt because their bundle was missing or older than a source. */
  readonly rebuilt: readonly string[];
  /** What `pnpm build` reported when it did not exit cleanly (e.g. a budget exceeded). */
  readonly buildWarning: string | undefined;
  /** Lambdas that could not be measured, and why. */
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `dist/index.mjs` exists and is newer than the package's and the registry's sources. */
export function isFresh(pkg: LambdaPackage, root: string): boolean {
  const bundle = join(pkg.dir, 'dist', 'index.mjs');
  if (!existsSync(bundle)) return false;
  const inputs = [
    join(pkg.dir, 'src'),
    join(pkg.dir, 'package.json'),
    join(root, 'packages', 'registry', 'src'),
    join(root, 'pnpm-lock.yaml'),
    join(root, 'scripts', 'build'),
  ];
  return statSync(bundle).mtimeMs >= Math.max(...inputs.map(newestMtime));
}

function buildPackages(root: string, names: readonly string[]): string | undefined {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build/main.ts', ...names], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    return undefined;
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string };
    const text = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim();
    // A budget failure still writes the bundles; anything else leaves nothing to measure.
    return (
      text
        .split('\n')
        .filter((line) => line.startsWith('build:') && !/\[\d+\/\d+\]/.test(line))
        .join(' ') || text
    );
  }
}

/** Runs section 2. */
export async function benchColdStart(
  root: string,
  runs: number,
  progress: (line: string) => void,
): Promise<ColdStartSection> {
  const all = findLambdaPackages(root);
  const skipped = all
    .filter((p) => !REQUIRED_ENV[p.name])
    .map((p) => ({
      name: p.name,
      reason: 'its required env is not in REQUIRED_ENV (scripts/bench/cold-start-bench.ts)',
    }));
  const packages = all.filter((p) => REQUIRED_ENV[p.name]);
  const stale = packages.filter((p) => !isFresh(p, root)).map((p) => p.name);
  let buildWarning: string | undefined;
  if (stale.length > 0) {
    progress(`cold start: building ${stale.join(', ')} (bundle missing or older than its sources)`);
    buildWarning = buildPackages(root, stale);
  }
  const work = mkdtempSync(join(tmpdir(), 'ct-bench-cold-'));
  try {
    const results: ColdStartResult[] = [];
    for (const pkg of packages) {
      if (!existsSync(join(pkg.dir, 'dist', 'index.mjs'))) {
        skipped.push({ name: pkg.name, reason: `no bundle after building (${buildWarning ?? 'no output'})` });
        continue;
      }
      progress(`cold start: ${pkg.name} (${runs} fresh processes per variant)`);
      try {
        results.push(await coldStart(pkg, REQUIRED_ENV[pkg.name] ?? {}, runs, work));
      } catch (error) {
        const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
        skipped.push({ name: pkg.name, reason });
      }
    }
    return { results, rebuilt: stale, buildWarning, skipped };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
