/**
 * Commands the rehearsal and the onboarding measurement run: output kept and shown only when
 * a command fails (and written to `REHEARSAL_LOG_DIR` when set), and `terraform plan` read back
 * as its resource changes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedChange } from './plan-drift';

/** A step that failed; its message is the whole report. */
export class StepError extends Error {}

/** Runs a command; output is kept and shown only when it fails. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; label: string },
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (process.env.REHEARSAL_LOG_DIR) {
        mkdirSync(process.env.REHEARSAL_LOG_DIR, { recursive: true });
        writeFileSync(
          join(process.env.REHEARSAL_LOG_DIR, `${options.label.replace(/[^A-Za-z0-9-]+/g, '_')}.log`),
          output,
        );
      }
      if (code === 0) return resolvePromise(output);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: cdktf colours its output
      const plain = output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
      reject(new StepError(`${options.label} failed (exit ${code}):\n${plain.slice(-6000)}`));
    });
  });
}

const PLAN_FILE = 'rehearsal.tfplan';

/** `terraform plan` in a synthesized stack directory, as resource changes (saved to rehearsal.tfplan). */
export async function plan(
  dir: string,
  env: NodeJS.ProcessEnv,
  label: string,
  options: readonly string[] = [],
): Promise<PlannedChange[]> {
  await run('terraform', ['plan', '-input=false', '-lock-timeout=60s', ...options, `-out=${PLAN_FILE}`], {
    cwd: dir,
    env,
    label,
  });
  const json = JSON.parse(await run('terraform', ['show', '-json', PLAN_FILE], { cwd: dir, env, label }));
  return (json.resource_changes ?? [])
    .filter((c: { change: { actions: string[] } }) => c.change.actions.join() !== 'no-op')
    .map(
      (c: {
        address: string;
        type: string;
        change: { actions: string[]; before: object; after: object };
      }) => ({
        address: c.address,
        type: c.type,
        actions: c.change.actions,
        changed: Object.keys({ ...c.change.before, ...c.change.after }).filter(
          (key) =>
            JSON.stringify((c.change.before as Record<string, unknown>)?.[key]) !==
            JSON.stringify((c.change.after as Record<string, unknown>)?.[key]),
        ),
      }),
    );
}
