/**
 * Each Lambda package's README environment table is the one generated from its
 * `src/env-spec.ts` (the kit's `envTable`), so the two cannot drift. Regenerate a table with
 * `envTable(ENV_SPECS)` and paste it between the markers when a spec changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLambdaPackages } from '@cognito-tenancy/build/lambda-packages';
import { envTable, envTableIn } from '@cognito-tenancy/kit/env-table';
import { describe, expect, it } from '@jest/globals';

const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGES = findLambdaPackages(ROOT);

describe('README environment tables', () => {
  it('covers every Lambda package', () => {
    expect(PACKAGES.map((pkg) => pkg.name)).toContain('authorizer');
  });

  it.each(PACKAGES.map((pkg) => [pkg.name, pkg.dir] as const))(
    '%s: is generated from src/env-spec.ts',
    async (_, dir) => {
      const { ENV_SPECS } = (await import(join(dir, 'src', 'env-spec.ts'))) as {
        ENV_SPECS: Parameters<typeof envTable>[0];
      };
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(envTableIn(readme)).toBe(envTable(ENV_SPECS));
    },
  );
});
