/**
 * `pnpm build [name ...]`: bundles every Lambda package (or the named ones), writes
 * their deterministic zips, prints a size table and fails when a budget is exceeded.
 * Without names it also builds the SPA (`packages/spa/dist`) when its sources changed.
 */
import { join } from 'node:path';
import { bundleLambda } from './bundle';
import { assertEntryExists, findLambdaPackages } from './lambda-packages';
import { overBudget, sizeTable } from './size-report';
import { ensureSpaBuild } from './spa-build';

const root = join(import.meta.dirname, '..', '..');

async function main(names: string[]): Promise<number> {
  const all = findLambdaPackages(root);
  const unknown = names.filter((n) => !all.some((p) => p.name === n));
  if (unknown.length > 0) {
    console.error(
      `build: no Lambda package named ${unknown.join(', ')} (have: ${all.map((p) => p.name).join(', ')})`,
    );
    return 2;
  }
  const selected = names.length > 0 ? all.filter((p) => names.includes(p.name)) : all;
  if (selected.length === 0) {
    console.log('build: no Lambda packages declare cognitoTenancy.lambda yet; nothing to bundle');
    return 0;
  }
  for (const pkg of selected) assertEntryExists(pkg);
  const results = [];
  for (const [index, pkg] of selected.entries()) {
    process.stderr.write(`build: [${index + 1}/${selected.length}] ${pkg.name}\n`);
    results.push({ pkg, result: await bundleLambda(pkg) });
  }
  console.log(sizeTable(results));
  if (names.length === 0) {
    const built = ensureSpaBuild((line) => process.stderr.write(`build: ${line}\n`));
    if (!built) process.stderr.write('build: SPA (packages/spa/dist) is current\n');
  }
  const failures = overBudget(results);
  for (const failure of failures) console.error(`build: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

main(process.argv.slice(2).filter((a) => a !== '--')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
