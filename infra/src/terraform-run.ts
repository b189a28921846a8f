/** Terraform runs of the tools that drive it directly (migrate.ts): output kept, shown on failure. */
import { spawn } from 'node:child_process';
import { chooseCliConfig } from './terraform-cli-config';

/** A Terraform command that failed; the message ends with the tail of its output. */
export class TerraformRunError extends Error {
  override readonly name = 'TerraformRunError';
}

/**
 * The environment for Terraform: `TF_CLI_CONFIG_FILE` kept when that file exists, else a
 * configuration that installs the AWS provider from the machine's mirror (as `pnpm run deploy`).
 */
export function terraformEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    TF_CLI_CONFIG_FILE: chooseCliConfig(base).file,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  };
}

/** Runs `terraform <args>` in `dir`; resolves with stdout, rejects with the output's tail. */
export function terraform(dir: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('terraform', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(new TerraformRunError(`terraform ${args[0]} in ${dir}: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) return resolvePromise(stdout);
      const tail = `${stdout}\n${stderr}`.trim().slice(-4000);
      reject(new TerraformRunError(`terraform ${args.join(' ')} in ${dir} failed (exit ${code}):\n${tail}`));
    });
  });
}

/** What a saved plan does, by resource address (`terraform show -json`). */
export interface PlanSummary {
  readonly imports: string[];
  readonly creates: string[];
  readonly updates: string[];
  readonly destroys: string[];
  readonly forgets: string[];
  /** For each update in place: the top-level attributes it changes (names only, never values). */
  readonly changed?: Readonly<Record<string, readonly string[]>>;
}

/** The top-level attributes whose value differs between `before` and `after` (or becomes unknown). */
export function changedAttributes(before: unknown, after: unknown, afterUnknown: unknown): string[] {
  const record = (value: unknown) =>
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const [b, a, u] = [record(before), record(after), record(afterUnknown)];
  const keys = new Set([...Object.keys(b), ...Object.keys(a), ...Object.keys(u)]);
  return [...keys]
    .filter((key) => u[key] === true || JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null))
    .sort();
}

/** Reads `plan` (a saved plan in `dir`) as lists of addresses per kind of change. */
export async function summarizePlan(dir: string, plan: string, env: NodeJS.ProcessEnv): Promise<PlanSummary> {
  const json = JSON.parse(await terraform(dir, ['show', '-json', plan], env)) as {
    resource_changes?: {
      address: string;
      change: {
        actions: string[];
        importing?: unknown;
        replace_paths?: unknown[][];
        before?: unknown;
        after?: unknown;
        after_unknown?: unknown;
      };
    }[];
  };
  const changed: Record<string, readonly string[]> = {};
  const summary: PlanSummary = { imports: [], creates: [], updates: [], destroys: [], forgets: [], changed };
  for (const { address, change } of json.resource_changes ?? []) {
    const actions = change.actions.join();
    if (change.importing !== undefined) summary.imports.push(address);
    if (actions.includes('delete')) {
      // Which attributes force the replacement: what an operator needs to see first.
      const paths = (change.replace_paths ?? []).map((path) => path.join('.'));
      summary.destroys.push(paths.length > 0 ? `${address} (replaced for ${paths.join(', ')})` : address);
    } else if (actions === 'create') summary.creates.push(address);
    else if (actions === 'update') {
      summary.updates.push(address);
      changed[address] = changedAttributes(change.before, change.after, change.after_unknown);
    } else if (actions === 'forget') summary.forgets.push(address);
  }
  return summary;
}
