import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, staleBundles } from '@cognito-tenancy/local-stack/build-check';
import { REPO_ROOT } from '@cognito-tenancy/local-stack/options';
import { describe, expect, it } from '@jest/globals';

const declared = readdirSync(join(REPO_ROOT, 'packages'))
  .filter((name) => {
    try {
      return Boolean(
        JSON.parse(readFileSync(join(REPO_ROOT, 'packages', name, 'package.json'), 'utf8')).cognitoTenancy
          ?.lambda,
      );
    } catch {
      return false;
    }
  })
  .sort();

describe('local stack build check', () => {
  it('checks exactly the Lambda packages the manifests declare (pets included)', () => {
    expect([...FUNCTIONS].sort()).toEqual(declared);
    expect(FUNCTIONS).toContain('pets');
  });

  it('calls every bundle stale when the kit changed after it was built', () => {
    // Everything built at t=100 (the bundles that exist), the kit's sources touched at t=200.
    const built = FUNCTIONS.filter((name) => {
      try {
        readFileSync(join(REPO_ROOT, 'packages', name, 'dist', 'index.mjs'));
        return true;
      } catch {
        return false;
      }
    });
    const stale = staleBundles(REPO_ROOT, (dir) =>
      dir.endsWith('/packages/kit/src') ? Number.MAX_SAFE_INTEGER : 0,
    );
    expect(stale).toEqual(built);
    expect(staleBundles(REPO_ROOT, () => 0)).toEqual([]);
  });
});
