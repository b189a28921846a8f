/**
 * The CI steps (ci-commands.ts) of one environment file against the emulator, as the
 * rehearsals run them; `via` sends the tool's own SDK calls through another endpoint (the
 * request counter) while Terraform's follow the stack's override.
 */
import { resolve } from 'node:path';
import { type CiStep, ciCommand } from './ci-commands';
import { emulatorProcessEnv } from './override';
import { run } from './process-run';

const REPO = resolve(import.meta.dirname, '..', '..');

export type CiRunner = (
  step: CiStep,
  what: string,
  extra?: readonly string[],
  via?: string,
) => Promise<string>;

export function ciRunner(
  file: string,
  out: string,
  region: string,
  endpoint: string,
  label: string,
): CiRunner {
  return (step, what, extra = [], via) => {
    const [command, args] = ciCommand(step, file, out);
    const env = emulatorProcessEnv(region, via ?? endpoint);
    return run(command, [...args, ...extra], { cwd: REPO, env, label: `${label}: ${what}` });
  };
}
