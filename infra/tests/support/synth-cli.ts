/** Runs the real entry point (`src/main.ts` through tsx) the way `pnpm synth` does. */
import { type SpawnOptions, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const INFRA_DIR = resolve(import.meta.dirname, '..', '..');

export interface SynthRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Spawns `node --import tsx src/main.ts <args>` in infra/ with `env` added to a clean environment. */
export function runSynth(args: readonly string[], env: Readonly<Record<string, string>>): Promise<SynthRun> {
  const started = performance.now();
  const { NODE_OPTIONS: _jestNodeOptions, ...inherited } = process.env;
  const options: SpawnOptions = {
    cwd: INFRA_DIR,
    env: { ...inherited, NODE_OPTIONS: '--disable-warning=DEP0044', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (status) =>
      done({ status, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}
