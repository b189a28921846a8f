/**
 * Cold start per Lambda: bundle sizes and module initialisation time in a fresh Node 22
 * process (median of many runs), against a baseline bundle that holds only the AWS SDK
 * clients the function uses, and against the same function with the SDK left external
 * (as if taken from the runtime's copy).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createZip } from '../build/zip';
import { median } from './measure';

export interface ColdStartResult {
  readonly name: string;
  readonly clients: readonly string[];
  readonly bundleBytes: number;
  readonly zipBytes: number;
  readonly baselineBytes: number;
  readonly externalSdkBytes: number;
  readonly initMs: number;
  readonly baselineInitMs: number;
  readonly externalSdkInitMs: number;
}

const CLIENT_INPUT = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?@aws-sdk\/(client-[a-z0-9-]+)\//;

/** The `@aws-sdk/client-*` packages that a built bundle contains, from its metafile. */
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

const REQUIRE_SHIM =
  "import{createRequire as __ctRequire}from'node:module';const require=__ctRequire(import.meta.url);";

async function bundle(
  stdinOrEntry: { contents: string } | string,
  outfile: string,
  cwd: string,
  external: string[] = [],
) {
  await build({
    ...(typeof stdinOrEntry === 'string'
      ? { entryPoints: [stdinOrEntry] }
      : { stdin: { contents: stdinOrEntry.contents, resolveDir: cwd, loader: 'ts' as const } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    external,
    absWorkingDir: cwd,
    logLevel: 'silent',
  });
  return readFileSync(outfile).length;
}

/** A stub handler that imports and constructs each client, as the function does at init. */
function baselineSource(clients: readonly string[]): string {
  const lines = clients.map((client, i) => {
    const name = `${client
      .replace('client-', '')
      .split('-')
      .map((p) => p[0]?.toUpperCase() + p.slice(1))
      .join('')}`;
    const className = name === 'Ssm' ? 'SSM' : name === 'Dynamodb' ? 'DynamoDB' : name;
    return `import * as m${i} from '@aws-sdk/${client}';\nconst c${i} = new (m${i} as any)['${className}Client']({});`;
  });
  return `${lines.join('\n')}\nexport const handler = async () => [${clients.map((_, i) => `c${i}`).join(',')}].length;\n`;
}

/** Median milliseconds to import `file` in a fresh Node process with `env`. */
export function initTime(file: string, env: Record<string, string>, runs: number): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
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
    times.push(Number(out));
  }
  return median(times);
}

/** Measures one Lambda package (already built by `pnpm build`). */
export async function coldStart(
  pkgDir: string,
  name: string,
  env: Record<string, string>,
  runs: number,
): Promise<ColdStartResult> {
  const work = join(pkgDir, 'dist', '.bench');
  mkdirSync(work, { recursive: true });
  const entry = join(pkgDir, 'src', 'handler.ts');
  const clients = await clientsOf(entry, pkgDir);
  const bundlePath = join(pkgDir, 'dist', 'index.mjs');
  const code = readFileSync(bundlePath);
  const baselinePath = join(work, 'baseline.mjs');
  const baselineBytes = await bundle({ contents: baselineSource(clients) }, baselinePath, pkgDir);
  // The SDK left external resolves from the package's node_modules, as the runtime's copy would.
  const externalPath = join(pkgDir, 'dist', '.bench-external.mjs');
  const externalSdkBytes = await bundle(entry, externalPath, pkgDir, ['@aws-sdk/*', '@smithy/*']);
  writeFileSync(join(work, 'zip-probe.zip'), createZip([{ name: 'index.mjs', data: code }]));
  return {
    name,
    clients,
    bundleBytes: code.length,
    zipBytes: readFileSync(join(work, 'zip-probe.zip')).length,
    baselineBytes,
    externalSdkBytes,
    initMs: initTime(bundlePath, env, runs),
    baselineInitMs: initTime(baselinePath, {}, runs),
    externalSdkInitMs: initTime(externalPath, env, runs),
  };
}
