/**
 * Bundles one Lambda package with esbuild: ESM `.mjs`, node22, minified, tree-shaken,
 * external source map, the AWS SDK v3 bundled (only the clients the code imports),
 * then writes `dist/<name>.zip` holding `index.mjs` only (deterministic).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import type { LambdaPackage } from './lambda-packages';
import { createZip } from './zip';

export interface BundleResult {
  readonly name: string;
  readonly bundlePath: string;
  readonly zipPath: string;
  readonly bundleBytes: number;
  readonly zipBytes: number;
  /** Bytes of the bundle that come from the AWS SDK (@aws-sdk, @smithy, @aws-crypto, ...). */
  readonly sdkBytes: number;
  readonly zipSha256: string;
}

const SDK_PATH = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@aws-sdk|@smithy|@aws-crypto|@aws\/)/;

// ESM bundles of CommonJS dependencies still call require() for Node built-ins.
const REQUIRE_SHIM =
  "import{createRequire as __ctRequire}from'node:module';const require=__ctRequire(import.meta.url);";

function sdkShare(metafile: Metafile): number {
  let bytes = 0;
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      if (SDK_PATH.test(path)) bytes += input.bytesInOutput;
    }
  }
  return bytes;
}

/** Builds `pkg` into `<pkg>/dist/`. */
export async function bundleLambda(pkg: LambdaPackage): Promise<BundleResult> {
  const dist = join(pkg.dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const bundlePath = join(dist, 'index.mjs');
  const result = await build({
    entryPoints: [pkg.entry],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    treeShaking: true,
    sourcemap: 'external',
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: pkg.dir,
  });
  const code = readFileSync(bundlePath);
  const zip = createZip([{ name: 'index.mjs', data: code }]);
  const zipPath = join(dist, `${pkg.name}.zip`);
  writeFileSync(zipPath, zip);
  return {
    name: pkg.name,
    bundlePath,
    zipPath,
    bundleBytes: code.length,
    zipBytes: zip.length,
    sdkBytes: sdkShare(result.metafile),
    zipSha256: createHash('sha256').update(zip).digest('hex'),
  };
}
