/**
 * Writes one Lambda as a standalone package: the files its code and unit tests really
 * import (its own, and those of workspace packages, vendored under `vendor/<package>` and
 * linked by name so no import is rewritten), pinned versions instead of `catalog:` and
 * `workspace:`, its own tsconfig, jest config and build, and its wiring.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findLambdaPackages, type LambdaPackage } from '@cognito-tenancy/build/lambda-packages';
import { build } from 'esbuild';
import { LAMBDA_FUNCTIONS, type LambdaName } from '../../infra/src/lambda-functions';
import { parseTopLevelList, readCatalog, resolveVersion } from './catalog';
import { compilerOptionsOf, importGraph } from './import-graph';
import { copyLockfile, importerVersions, type LockedDependency, lockedNames } from './lockfile';
import { copiedReadme } from './readme';
import { renderConstruct } from './render-construct';
import { renderTerraform } from './render-terraform';
import { CopyOutRefusal } from './target-dir';
import { wiringModel } from './wiring-model';

/** Tools every copy runs (typecheck, unit tests, build), whatever its code imports. */
const TOOLING = ['typescript', 'jest', '@types/node', '@swc/core', '@swc/jest', 'esbuild'];
/** What the CDKTF wiring construct compiles against. */
const WIRING_PACKAGES = ['cdktf', 'constructs', '@cdktf/provider-aws'];
/** Tests that need the local stack or emulators; everything else under `tests/` is copied. */
const LEFT_OUT_TESTS = 'tests/integration';

type Manifest = {
  name: string;
  version?: string;
  description?: string;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  cognitoTenancy?: { lambda?: Record<string, unknown> };
  engines?: Record<string, string>;
};

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter(keep)
    .sort();
}

export interface CopyOutResult {
  /** Files written, relative to the target, sorted. */
  readonly written: readonly string[];
  /** Integration tests not copied (relative to the package). */
  readonly leftOut: readonly string[];
  /** Workspace packages vendored under `vendor/`. */
  readonly vendored: readonly string[];
}

/** The Lambda packages of the workspace (each package manifest's `cognitoTenancy.lambda`). */
export function lambdaPackages(root: string): LambdaPackage[] {
  return findLambdaPackages(root);
}

/** Copies Lambda `name` of the workspace at `root` into `target` (absolute, checked by resolveTarget). */
export async function copyOut(root: string, name: string, target: string): Promise<CopyOutResult> {
  const all = lambdaPackages(root);
  const pkg = all.find((p) => p.name === name);
  if (pkg === undefined) {
    throw new CopyOutRefusal(
      `no Lambda named '${name}'. Choose one of: ${all.map((p) => p.name).join(', ')}.`,
    );
  }
  const written: string[] = [];
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(dirname(join(target, rel)), { recursive: true });
    writeFileSync(join(target, rel), content);
    written.push(rel);
  };

  // 1. The import graph from every source file and every test that runs without emulators.
  const options = compilerOptionsOf(join(pkg.dir, 'tsconfig.json'));
  const isTs = (f: string) => f.endsWith('.ts') && !f.endsWith('.d.ts');
  const sources = filesUnder(join(pkg.dir, 'src'), isTs);
  const leftOutDir = join(pkg.dir, LEFT_OUT_TESTS);
  const tests = filesUnder(
    join(pkg.dir, 'tests'),
    (f) => f.endsWith('.test.ts') && !f.startsWith(leftOutDir + sep),
  );
  const leftOut = filesUnder(leftOutDir, (f) => isTs(f)).map((f) => relative(pkg.dir, f));
  const runtime = importGraph(sources, options);
  const everything = importGraph([...sources, ...tests], options);

  // 2. Place each file: the package's own at the same path, other workspace packages' under vendor/.
  const packagesDir = join(root, 'packages');
  const vendored = new Map<string, Manifest>();
  for (const file of [...everything.files].sort()) {
    let rel: string;
    if (file.startsWith(pkg.dir + sep)) {
      rel = relative(pkg.dir, file);
    } else if (file.startsWith(packagesDir + sep)) {
      const [dirName] = relative(packagesDir, file).split(sep);
      const manifest = readJson<Manifest>(join(packagesDir, dirName as string, 'package.json'));
      vendored.set(dirName as string, manifest);
      rel = join('vendor', relative(packagesDir, file));
    } else {
      throw new Error(
        `${relative(root, pkg.dir)} imports ${relative(root, file)}, which is in no workspace package: ` +
          'make it part of a package (a copy can only vendor packages).',
      );
    }
    mkdirSync(dirname(join(target, rel)), { recursive: true });
    copyFileSync(file, join(target, rel));
    written.push(rel);
  }

  // 3. Manifests: vendored packages export what was copied; versions come from the catalog.
  for (const [dirName, manifest] of vendored) {
    const exports = Object.fromEntries(
      Object.entries(manifest.exports ?? {}).filter(
        ([, to]) => typeof to === 'string' && existsSync(join(target, 'vendor', dirName, to)),
      ),
    );
    const vendoredManifest = {
      name: manifest.name,
      version: manifest.version,
      private: true,
      description: `${manifest.description ?? ''} (the files ${name} uses, vendored by pnpm copy-out)`.trim(),
      type: 'module',
      sideEffects: false,
      exports,
    };
    write(join('vendor', dirName, 'package.json'), `${JSON.stringify(vendoredManifest, null, 2)}\n`);
  }
  const own = readJson<Manifest>(join(pkg.dir, 'package.json'));
  const rootManifest = readJson<Manifest>(join(root, 'package.json'));
  const catalog = readCatalog(root);
  const declared = new Map<string, string>();
  for (const m of [own, ...vendored.values(), rootManifest]) {
    for (const [dep, spec] of Object.entries({ ...m.dependencies, ...m.devDependencies })) {
      if (!declared.has(dep) && !spec.startsWith('workspace:')) declared.set(dep, spec);
    }
  }
  const version = (dep: string) => resolveVersion(dep, declared.get(dep) ?? 'catalog:', catalog);
  const isWorkspace = (dep: string) =>
    (own.dependencies?.[dep] ?? own.devDependencies?.[dep] ?? '').startsWith('workspace:');
  const runtimeDeps = new Set(
    [...Object.keys(own.dependencies ?? {}), ...runtime.packages].filter(
      (dep) => !dep.startsWith('@types/') && !isWorkspace(dep),
    ),
  );
  const devDeps = new Set(
    [
      ...Object.keys(own.devDependencies ?? {}),
      ...everything.packages,
      ...runtime.packages,
      ...TOOLING,
      ...WIRING_PACKAGES,
    ].filter((dep) => !runtimeDeps.has(dep) && !isWorkspace(dep)),
  );
  const sorted = (deps: Iterable<string>, spec: (dep: string) => string) =>
    Object.fromEntries([...deps].sort().map((dep) => [dep, spec(dep)]));
  const links = [...vendored.values()].map((m): [string, string] => {
    const dirName = [...vendored.entries()].find(([, v]) => v === m)?.[0] as string;
    return [m.name, `link:vendor/${dirName}`];
  });
  const manifest = {
    name: own.name,
    version: own.version,
    private: true,
    description: own.description,
    type: 'module',
    sideEffects: false,
    ...(own.exports ? { exports: own.exports } : {}),
    scripts: {
      test: "NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning' jest",
      typecheck: 'tsc -p tsconfig.json',
      build: 'node build.mjs',
    },
    cognitoTenancy: { lambda: { name, ...own.cognitoTenancy?.lambda } },
    ...(rootManifest.engines ? { engines: rootManifest.engines } : {}),
    dependencies: { ...Object.fromEntries(links.sort()), ...sorted(runtimeDeps, version) },
    devDependencies: sorted(devDeps, version),
  };
  write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  const lockfile = lockfileFor(
    root,
    [relative(root, pkg.dir), ...[...vendored.keys()].map((d) => `packages/${d}`)],
    manifest,
  );
  write('pnpm-lock.yaml', lockfile);
  // The workspace's install-script choices, for the packages the copy installs.
  const workspaceYaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const installed = new Set(lockedNames(lockfile));
  const listed = (key: string) =>
    parseTopLevelList(workspaceYaml, key)
      .filter((dep) => installed.has(dep))
      .map((dep) => `  - "${dep}"`);
  write(
    'pnpm-workspace.yaml',
    [
      '# A workspace of one package: it only carries pnpm settings (pnpm 10 runs no install',
      '# scripts unless listed; the ignored ones are not needed, see the original workspace).',
      'onlyBuiltDependencies:',
      ...listed('onlyBuiltDependencies'),
      'ignoredBuiltDependencies:',
      ...listed('ignoredBuiltDependencies'),
      '',
    ].join('\n'),
  );

  // 4. tsconfig without `extends`, the package's jest config as plain data, the build.
  const base = readJson<{ compilerOptions: Record<string, unknown> }>(join(root, 'tsconfig.base.json'));
  const ownTsconfig = readJson<{ compilerOptions?: Record<string, unknown> }>(join(pkg.dir, 'tsconfig.json'));
  const tsconfig = {
    compilerOptions: { ...base.compilerOptions, ...ownTsconfig.compilerOptions },
    include: ['src', 'tests', 'vendor', 'wiring'],
  };
  write('tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`);
  write('jest.config.mjs', await jestConfigText(pkg));
  write('build.mjs', await buildScriptText(root));
  write('.gitignore', 'node_modules/\ndist/\ncoverage/\n.terraform/\n.terraform.lock.hcl\n');

  // 5. Wiring derived from infra's own policy, environment and permission code.
  const commit = gitCommit(root);
  if ((LAMBDA_FUNCTIONS as readonly string[]).includes(name)) {
    const model = wiringModel(name as LambdaName);
    const header = `Generated by \`pnpm copy-out ${name}\` from cognito-tenancy ${commit} (infra/src/iam-policies.ts, lambda-environment.ts, trigger-permissions.ts, api-routes.ts).`;
    write(`wiring/${name}-wiring.ts`, renderConstruct(model, header));
    write(`terraform/${name}.tf.json`, `${JSON.stringify(renderTerraform(model, header), null, 2)}\n`);
    write(
      'README.md',
      copiedReadme({
        name,
        commit,
        ownReadme: readIfExists(join(pkg.dir, 'README.md')),
        model,
        leftOut,
        vendored: [...vendored.keys()],
      }),
    );
  } else {
    write(
      'README.md',
      copiedReadme({
        name,
        commit,
        ownReadme: readIfExists(join(pkg.dir, 'README.md')),
        leftOut,
        vendored: [...vendored.keys()],
      }),
    );
  }
  return { written: written.sort(), leftOut, vendored: [...vendored.keys()].sort() };
}

/**
 * The copy's lockfile: each dependency at the version the workspace resolved for it (its
 * own importer first, then the vendored packages', then the root's, infra's and tests').
 */
function lockfileFor(
  root: string,
  importers: readonly string[],
  manifest: { dependencies: Record<string, string>; devDependencies: Record<string, string> },
): string {
  const lockText = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8');
  const tables = [...importers, '.', 'infra', 'tests'].map((importer) =>
    importerVersions(lockText, importer),
  );
  const locked = (name: string, specifier: string, dev: boolean): LockedDependency => {
    if (specifier.startsWith('link:')) return { name, specifier, version: specifier, dev };
    for (const table of tables) {
      const version = table.get(name);
      if (version !== undefined && version.replace(/\(.*$/, '') === specifier)
        return { name, specifier, version, dev };
    }
    throw new Error(`pnpm-lock.yaml has no '${name}@${specifier}': run pnpm install in the workspace first`);
  };
  return copyLockfile(lockText, [
    ...Object.entries(manifest.dependencies).map(([name, spec]) => locked(name, spec, false)),
    ...Object.entries(manifest.devDependencies).map(([name, spec]) => locked(name, spec, true)),
  ]);
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function gitCommit(root: string): string {
  const run = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown commit';
}

/** The package's own jest config (the workspace factory's result) written out as data. */
async function jestConfigText(pkg: LambdaPackage): Promise<string> {
  const { default: config } = (await import(pathToFileURL(join(pkg.dir, 'jest.config.mjs')).href)) as {
    default: Record<string, unknown>;
  };
  const { rootDir: _rootDir, displayName: _displayName, ...rest } = config;
  return [
    `/** Jest for this package: ESM, TypeScript through @swc/jest (copied from the workspace's config of ${pkg.name}). */`,
    `export default ${JSON.stringify(rest, null, 2)};`,
    '',
  ].join('\n');
}

/** `standalone-build.ts` and the workspace build code it imports, as one ESM file (esbuild stays a dependency). */
async function buildScriptText(root: string): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'scripts', 'copy-out', 'standalone-build.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['esbuild'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return `// Generated by pnpm copy-out from cognito-tenancy scripts/build (bundle.ts, zip.ts, size-report.ts).\n${code}`;
}
