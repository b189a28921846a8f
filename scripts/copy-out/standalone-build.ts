/**
 * The `build` script of a copied package: the workspace's own bundler and zip writer
 * (`scripts/build/bundle.ts`, `zip.ts`, `size-report.ts`), bundled by `pnpm copy-out` into
 * the copy's `build.mjs`, so the copy builds the same `dist/<lambda>.zip` as `pnpm build`.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleLambda } from '@cognito-tenancy/build/bundle';
import type { LambdaPackage } from '@cognito-tenancy/build/lambda-packages';
import { overBudget, sizeTable } from '@cognito-tenancy/build/size-report';

async function main(dir: string): Promise<number> {
  const lambda = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).cognitoTenancy?.lambda;
  if (!lambda?.budget) throw new Error('package.json: cognitoTenancy.lambda.budget is missing');
  const pkg: LambdaPackage = {
    name: lambda.name ?? basename(dir),
    dir,
    entry: join(dir, lambda.entry ?? 'src/handler.ts'),
    budget: lambda.budget,
  };
  const result = await bundleLambda(pkg);
  console.log(sizeTable([{ pkg, result }]));
  const failures = overBudget([{ pkg, result }]);
  for (const failure of failures) console.error(`build: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

main(process.cwd()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
