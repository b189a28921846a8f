/**
 * Cold start per Lambda: bundle sizes and module initialisation time in a fresh Node 22
 * process (median of many runs), against a baseline bundle that holds only the AWS SDK
 * clients the function uses, and against the same function with the SDK left external
 * (resolved from node_modules, as the runtime's own copy would be).
 *
 * Everything is copied or built into a private temporary directory first: `pnpm build`
 * empties `dist/`, and another build running meanwhile must not change what is timed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createZip } from '@cognito-tenancy/build/zip';
import { build } from 'esbuild';
import { median } from './measure';

export interface ColdStartResult {
  readonly name: string;
  readonly clients: readonly string[];
  readonly bundleBytes: number;
  readonly zipBytes: number;
  readonly baselineBytes: number;
  readonly baselineZipBytes: number;
  readonly externalSdkBytes: number;
  readonly initMs: number;
  readonly baselineInitMs: number;
  readonly externalSdkInitMs: number;
  readonly runs: number;
}

const CLIENT_INPUT = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?@aws-sdk\/(client-[a-z0-9-]+)\//;

/** The `@aws-sdk/client-*` packages that a bundle of `entry` contains, from esbuild's metafile. */
export async function clientsOf(entry: string, cwd: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    absWorkingDir: cwd,
    logLevel: 'silent',
  });
  const clients = new Set<string>();
  for (const path of Object.keys(result.metafile.inputs)) {
    const match = CLIENT_INPUT.exec(path);
    if (match?.[1]) clients.add(match[1]);
  }
  return [...clients].sort();
}

// The same shim and options as scripts/build/bundle.ts, so the variants differ only in content.
const REQUIRE_SHIM =
  "import{createRequire as __ctRequire}from'node:module';const require=__ctRequire(import.meta.url);";

async function bundle(
  input: { contents: string } | string,
  outfile: string,
  cwd: string,
  external: string[] = [],
): Promise<number> {
  await build({
    ...(typeof input === 'string'
      ? { entryPoints: [input] }
      : { stdin: { contents: input.contents, resolveDir: cwd, loader: 'ts' as const } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    external,
    absWorkingDir: cwd,
    logLevel: 'silent',
  });
  return readFileSync(outfile).length;
}

/** The client class a `@aws-sdk/client-*` package exports (`client-ssm` -> `SSMClient`). */
export function clientClassName(client: string): string {
  const special: Record<string, string> = { 'client-ssm': 'SSM', 'client-dynamodb': 'DynamoDB' };
  const stem =
    special[client] ??
    client
      .replace(/^client-/, '')
      .split('-')
      .map((part) => (part[0]?.toUpperCase() ?? '') + part.slice(1))
      .join('');
  return `${stem}Client`;
}

/** A stub handler that imports and constructs each client at module scope, as the function does. */
export function baselineSource(clients: readonly string[]): string {
  const lines = clients.map(
    (client, i) =>
      `import { ${clientClassName(client)} as C${i} } from '@aws-sdk/${client}';\nconst c${i} = new C${i}({});`,
  );
  const all = clients.map((_, i) => `c${i}`).join(', ');
  return `${lines.join('\n')}\nexport const handler = async () => [${all}].length;\n`;
}

/**
 * Median milliseconds to import each file in a fresh Node process with its env. Runs are
 * interleaved across the files (a, b, c, a, b, c, ...) so a busy moment hits all alike.
 */
export function initTimes(
  targets: ReadonlyArray<{ readonly file: string; readonly env: Record<string, string> }>,
  runs: number,
): number[] {
  const times = targets.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, { file, env }] of targets.entries()) {
      const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          ...env,
        },
        encoding: 'utf8',
      });
      times[i]?.push(Number(out));
    }
  }
  return times.map((list) => median(list));
}

/** Measures one Lambda package from its built `dist/index.mjs`, working inside `work`. */
export async function coldStart(
  pkg: { readonly name: string; readonly dir: string; readonly entry: string },
  env: Record<string, string>,
  runs: number,
  work: string,
): Promise<ColdStartResult> {
  const dir = join(work, pkg.name);
  mkdirSync(dir, { recursive: true });
  // The external-SDK bundle imports @aws-sdk/* at run time: resolve them from the package.
  symlinkSync(join(pkg.dir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const bundlePath = join(dir, 'index.mjs');
  copyFileSync(join(pkg.dir, 'dist', 'index.mjs'), bundlePath);
  const code = readFileSync(bundlePath);
  const clients = await clientsOf(pkg.entry, pkg.dir);
  const baselinePath = join(dir, 'baseline.mjs');
  const baselineBytes = await bundle({ contents: baselineSource(clients) }, baselinePath, pkg.dir);
  const externalPath = join(dir, 'external-sdk.mjs');
  const externalSdkBytes = await bundle(pkg.entry, externalPath, pkg.dir, ['@aws-sdk/*', '@smithy/*']);
  const zip = createZip([{ name: 'index.mjs', data: code }]);
  const baselineZip = createZip([{ name: 'index.mjs', data: readFileSync(baselinePath) }]);
  writeFileSync(join(dir, `${pkg.name}.zip`), zip);
  const [initMs, baselineInitMs, externalSdkInitMs] = initTimes(
    [
      { file: bundlePath, env },
      { file: baselinePath, env: {} },
      { file: externalPath, env },
    ],
    runs,
  );
  return {
    name: pkg.name,
    clients,
    bundleBytes: code.length,
    zipBytes: zip.length,
    baselineBytes,
    baselineZipBytes: baselineZip.length,
    externalSdkBytes,
    initMs: initMs as number,
    baselineInitMs: baselineInitMs as number,
    externalSdkInitMs: externalSdkInitMs as number,
    runs,
  };
}
