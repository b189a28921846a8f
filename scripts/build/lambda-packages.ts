/**
 * Discovers the Lambda packages of the workspace: every `packages/<name>` whose
 * package.json declares `cognitoTenancy.lambda` with its entry and size budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LambdaBudget {
  /** Largest allowed minified bundle (`dist/index.mjs`), in bytes. */
  readonly bundleBytes: number;
  /** Largest allowed deployment zip, in bytes. */
  readonly zipBytes: number;
}

export interface LambdaPackage {
  readonly name: string;
  readonly dir: string;
  readonly entry: string;
  readonly budget: LambdaBudget;
}

function budgetOf(name: string, value: unknown): LambdaBudget {
  const b = value as Partial<LambdaBudget> | undefined;
  if (!b || !Number.isInteger(b.bundleBytes) || !Number.isInteger(b.zipBytes)) {
    throw new Error(
      `packages/${name}/package.json: cognitoTenancy.lambda.budget needs integer bundleBytes and zipBytes (measure with pnpm build, add ~5%)`,
    );
  }
  return { bundleBytes: b.bundleBytes as number, zipBytes: b.zipBytes as number };
}

/** Throws when the package's entry file does not exist (checked only for packages being built). */
export function assertEntryExists(pkg: LambdaPackage): void {
  if (!existsSync(pkg.entry)) throw new Error(`packages/${pkg.name}: entry ${pkg.entry} does not exist`);
}

/** All Lambda packages under `<root>/packages`, sorted by name. */
export function findLambdaPackages(root: string): LambdaPackage[] {
  const packagesDir = join(root, 'packages');
  const found: LambdaPackage[] = [];
  for (const name of readdirSync(packagesDir).sort()) {
    const manifest = join(packagesDir, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const lambda = JSON.parse(readFileSync(manifest, 'utf8')).cognitoTenancy?.lambda;
    if (!lambda) continue;
    const dir = join(packagesDir, name);
    const entry = join(dir, lambda.entry ?? 'src/handler.ts');
    if (!existsSync(entry))
      throw new Error(`packages/${name}: entry ${lambda.entry ?? 'src/handler.ts'} does not exist`);
    found.push({ name, dir, entry, budget: budgetOf(name, lambda.budget) });
  }
  return found;
}
