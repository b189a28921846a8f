import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineSource, clientClassName, clientsOf } from '@cognito-tenancy/bench/cold-start';
import { isFresh, REQUIRED_ENV } from '@cognito-tenancy/bench/cold-start-bench';
import { findLambdaPackages } from '@cognito-tenancy/build/lambda-packages';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig as loadAuthorizerConfig } from '../../packages/authorizer/src/config';
import { loadConfig as loadResolverConfig } from '../../packages/config-resolver/src/config';
import { loadConfig as loadPetsConfig } from '../../packages/pets/src/config';
import { loadConfig as loadPreTokenGenConfig } from '../../packages/pre-token-gen/src/config';
import { loadConfig as loadSignOutConfig } from '../../packages/sign-out/src/config';
import { loadConfig as loadMatchConfig } from '../../packages/tenant-match/src/config';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('clientClassName', () => {
  it('names the client class each @aws-sdk/client-* package exports', () => {
    expect(clientClassName('client-ssm')).toBe('SSMClient');
    expect(clientClassName('client-dynamodb')).toBe('DynamoDBClient');
    expect(clientClassName('client-cognito-identity-provider')).toBe('CognitoIdentityProviderClient');
  });
});

describe('baselineSource', () => {
  it('imports and constructs every client at module scope, and nothing else', () => {
    const source = baselineSource(['client-dynamodb', 'client-ssm']);
    expect(source).toContain("import { DynamoDBClient as C0 } from '@aws-sdk/client-dynamodb';");
    expect(source).toContain("import { SSMClient as C1 } from '@aws-sdk/client-ssm';");
    expect(source).toContain('const c0 = new C0({});');
    expect(source).toContain('const c1 = new C1({});');
    expect(source.match(/^import /gm)).toHaveLength(2);
  });
});

describe('clientsOf', () => {
  it('finds the SDK clients a bundle of the entry contains', async () => {
    const entry = join(import.meta.dirname, 'fixtures', 'uses-dynamodb.ts');
    await expect(clientsOf(entry, import.meta.dirname)).resolves.toEqual(['client-dynamodb']);
  }, 30_000);
});

describe('isFresh', () => {
  function workspace() {
    const root = mkdtempSync(join(tmpdir(), 'bench-fresh-'));
    roots.push(root);
    const dir = join(root, 'packages', 'fn');
    for (const sub of ['src', 'dist']) mkdirSync(join(dir, sub), { recursive: true });
    mkdirSync(join(root, 'packages', 'registry', 'src'), { recursive: true });
    const files = {
      source: join(dir, 'src', 'handler.ts'),
      manifest: join(dir, 'package.json'),
      registry: join(root, 'packages', 'registry', 'src', 'keys.ts'),
      bundle: join(dir, 'dist', 'index.mjs'),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
    for (const file of [files.source, files.manifest, files.registry]) at(file, 1000);
    for (const d of [join(dir, 'src'), join(dir, 'dist'), dir, join(root, 'packages', 'registry', 'src')])
      at(d, 1000);
    at(files.bundle, 2000);
    const pkg = { name: 'fn', dir, entry: files.source, budget: { bundleBytes: 1, zipBytes: 1 } };
    return { root, pkg, files, at };
  }

  it('reuses a bundle newer than every source', () => {
    const { root, pkg } = workspace();
    expect(isFresh(pkg, root)).toBe(true);
  });

  it('rebuilds when the package or the shared registry changed after the bundle', () => {
    const a = workspace();
    a.at(a.files.source, 3000);
    expect(isFresh(a.pkg, a.root)).toBe(false);
    const b = workspace();
    b.at(b.files.registry, 3000);
    expect(isFresh(b.pkg, b.root)).toBe(false);
  });

  it('rebuilds when there is no bundle', () => {
    const { root, pkg, files } = workspace();
    rmSync(files.bundle);
    expect(isFresh(pkg, root)).toBe(false);
  });
});

describe('REQUIRED_ENV', () => {
  const loaders: Record<string, (env: Record<string, string>) => unknown> = {
    authorizer: loadAuthorizerConfig,
    'config-resolver': loadResolverConfig,
    'pre-token-gen': loadPreTokenGenConfig,
    'sign-out': loadSignOutConfig,
    'tenant-match': loadMatchConfig,
    pets: loadPetsConfig,
  };

  it('names Lambda packages of the workspace only', () => {
    const names = findLambdaPackages(join(import.meta.dirname, '..', '..')).map((p) => p.name);
    expect(Object.keys(REQUIRED_ENV).filter((name) => !names.includes(name))).toEqual([]);
  });

  it.each(Object.keys(loaders))('lets %s pass loadConfig at import, which fails without it', (name) => {
    const load = loaders[name] as (env: Record<string, string>) => unknown;
    expect(() => load({ ...REQUIRED_ENV[name] })).not.toThrow();
    expect(() => load({})).toThrow();
  });
});
