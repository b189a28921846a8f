/** Runs the real entry point (`src/main.ts` through tsx) the way `pnpm synth` does. */
import { resolve } from 'node:path';
import { type ChildRun, runChild } from './child-run';

export const INFRA_DIR = resolve(import.meta.dirname, '..', '..');

/** What one synth run printed, and how it ended. */
export type SynthRun = ChildRun;

/** Spawns `node --import tsx src/main.ts <args>` in infra/ with `env` added to a clean environment. */
export function runSynth(args: readonly string[], env: Readonly<Record<string, string>>): Promise<SynthRun> {
  const { NODE_OPTIONS: _jestNodeOptions, ...inherited } = process.env;
  return runChild(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: INFRA_DIR,
    env: { ...inherited, NODE_OPTIONS: '--disable-warning=DEP0044', ...env },
  });
}
