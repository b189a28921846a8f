/**
 * Synthesizes one environment with the infra app (`infra/src/main.ts <file> --out <dir>`),
 * exactly as `pnpm synth` does, and returns its `cdk.tf.json`: the twin serves what AWS
 * would get. It takes a few seconds; the Lambda zips of `pnpm build` must exist.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export class SynthError extends Error {
  override readonly name = 'SynthError';
}

export interface SynthesizedEnvironment {
  /** `<outDir>/stacks/<environment>/cdk.tf.json`. */
  readonly file: string;
  readonly document: unknown;
}

/** Runs the infra app for `envFile` into `outDir`. */
export function synthesizeEnvironment(
  repoRoot: string,
  envFile: string,
  environment: string,
  outDir: string,
): SynthesizedEnvironment {
  const infra = join(repoRoot, 'infra');
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=DEP0044', '--import', 'tsx', 'src/main.ts', envFile, '--out', outDir],
    { cwd: infra, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    const detail = `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
    throw new SynthError(`synthesizing ${envFile} failed (cd infra && pnpm synth ${envFile}):\n${detail}`);
  }
  const file = join(outDir, 'stacks', environment, 'cdk.tf.json');
  return { file, document: JSON.parse(readFileSync(file, 'utf8')) };
}
