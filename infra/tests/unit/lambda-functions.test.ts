import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  LAMBDA_FUNCTIONS,
  LAMBDA_SIZING,
  lambdaPackageNames,
  wiredLambdas,
} from '../../src/lambda-functions';

function workspace(manifests: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ct-lambda-list-'));
  for (const [name, manifest] of Object.entries(manifests)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'package.json'), JSON.stringify(manifest));
  }
  return dir;
}

describe('the Lambda list', () => {
  it('is read from the package manifests that declare cognitoTenancy.lambda', () => {
    const dir = workspace({
      zeta: { cognitoTenancy: { lambda: { entry: 'src/handler.ts' } } },
      kit: { name: '@cognito-tenancy/kit' },
      alpha: { cognitoTenancy: { lambda: {} } },
    });
    mkdirSync(join(dir, 'no-manifest'));

    expect(lambdaPackageNames(dir)).toEqual(['alpha', 'zeta']);
  });

  it('is the workspace Lambdas, each one infra wires', () => {
    expect([...LAMBDA_FUNCTIONS].sort()).toEqual(Object.keys(LAMBDA_SIZING).sort());
    expect(LAMBDA_FUNCTIONS).toEqual(lambdaPackageNames());
  });

  it('stops synth on a Lambda package infra does not wire, and on a wired one without a manifest', () => {
    const known = Object.keys(LAMBDA_SIZING);
    expect(() => wiredLambdas([...known, 'billing'])).toThrow(
      'packages/billing declares a Lambda infra does not wire: add it to LAMBDA_SIZING',
    );
    expect(() => wiredLambdas(known.filter((name) => name !== 'pets'))).toThrow(
      "infra wires 'pets' but no package manifest declares it",
    );
  });
});
