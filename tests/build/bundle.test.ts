import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLambda } from '@cognito-tenancy/build/bundle';
import { findLambdaPackages } from '@cognito-tenancy/build/lambda-packages';
import { overBudget, sizeTable } from '@cognito-tenancy/build/size-report';
import { describe, expect, it } from '@jest/globals';
import { readZip } from './zip-reader';

function fixture(budget: unknown = { bundleBytes: 10_000, zipBytes: 10_000 }) {
  const root = mkdtempSync(join(tmpdir(), 'build-'));
  const dir = join(root, 'packages', 'hello');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'hello', cognitoTenancy: { lambda: { entry: 'src/handler.ts', budget } } }),
  );
  writeFileSync(
    join(dir, 'src', 'greeting.ts'),
    'export const greet = (n: string): string => `hello ${n}`;\nexport const unused = () => "dead code";\n',
  );
  writeFileSync(
    join(dir, 'src', 'handler.ts'),
    "import { greet } from './greeting';\nexport const handler = async (event: { name: string }) => greet(event.name);\n",
  );
  mkdirSync(join(root, 'packages', 'not-a-lambda'));
  writeFileSync(join(root, 'packages', 'not-a-lambda', 'package.json'), '{"name":"lib"}');
  return root;
}

describe('Lambda build', () => {
  it('finds only packages that declare a Lambda', () => {
    const packages = findLambdaPackages(fixture());
    expect(packages.map((p) => p.name)).toEqual(['hello']);
  });

  it('explains a missing budget', () => {
    expect(() => findLambdaPackages(fixture(null))).toThrow(/budget needs integer bundleBytes and zipBytes/);
  });

  it('bundles to minified, tree-shaken ESM and zips the same bytes twice', async () => {
    const [pkg] = findLambdaPackages(fixture());
    const first = await bundleLambda(pkg!);
    const firstZip = readFileSync(first.zipPath);
    const second = await bundleLambda(pkg!);
    expect(second.zipSha256).toBe(first.zipSha256);
    expect(readFileSync(second.zipPath).equals(firstZip)).toBe(true);

    const code = readFileSync(first.bundlePath, 'utf8');
    expect(code).not.toContain('dead code');
    expect(code).toMatch(/export\{\w+ as handler\}/);
    expect(readZip(firstZip).map((e) => e.name)).toEqual(['index.mjs']);

    const mod = await import(first.bundlePath);
    expect(await mod.handler({ name: 'bob' })).toBe('hello bob');
  });

  it('reports a function over its budget', async () => {
    const [pkg] = findLambdaPackages(fixture({ bundleBytes: 10, zipBytes: 10 }));
    const result = await bundleLambda(pkg!);
    const failures = overBudget([{ pkg: pkg!, result }]);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/hello: bundle \d+ B is over its budget of 10 B/);
    expect(sizeTable([{ pkg: pkg!, result }])).toContain('| hello |');
  });
});
