/**
 * Which stacks `pnpm run deploy|diff <env> [--tenant <id> ...]` runs, and with which
 * cdktf options. One-stack environments: the environment's stack. Tenant-stacks
 * environments (`tenantStacks`): every stack, or the platform and the named tenants'; a
 * deploy runs in waves of at most {@link DEFAULT_PARALLELISM} stacks at a time unless
 * `--parallelism` says otherwise (Cognito's write quotas are 15 requests/s and not adjustable).
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { stackNames, tenantStackName } from './stack-layout';

/** Stacks applied at once in a fleet-wide deploy (each makes a handful of Cognito writes). */
export const DEFAULT_PARALLELISM = 4;

/** cdktf options that take a value (so the value is not read as the environment). */
const VALUED_OPTIONS = new Set([
  '--output',
  '-o',
  '--outputs-file',
  '--parallelism',
  '--terraform-parallelism',
  '--var',
  '--var-file',
]);

export interface DeployArguments {
  /** The environment's name or file path, as typed. */
  readonly environment: string;
  /** `--tenant <id>`, in order, without duplicates. */
  readonly tenants: readonly string[];
  /** Every other option, for cdktf. */
  readonly options: readonly string[];
}

/** A command line the deploy tool cannot run; the message says what to type instead. */
export class DeployArgumentsError extends Error {
  override readonly name = 'DeployArgumentsError';
}

/** Splits `deploy|diff` arguments (pnpm's literal `--` already dropped). */
export function parseDeployArguments(command: string, args: readonly string[]): DeployArguments {
  const positional: string[] = [];
  const tenants: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--tenant' || arg.startsWith('--tenant=')) {
      const id = arg === '--tenant' ? args[++i] : arg.slice('--tenant='.length);
      if (id === undefined || id === '' || id.startsWith('-'))
        throw new DeployArgumentsError('--tenant needs a tenant id: --tenant <id>');
      if (!tenants.includes(id)) tenants.push(id);
    } else if (arg.startsWith('-')) {
      options.push(arg);
      if (VALUED_OPTIONS.has(arg) && args[i + 1] !== undefined) options.push(args[++i] as string);
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    throw new DeployArgumentsError(
      `name one environment: pnpm run ${command} <environment> [--tenant <id>] [--auto-approve]`,
    );
  }
  return { environment: positional[0] as string, tenants, options };
}

/** The stacks to run, the platform's first; refuses tenants the file does not have. */
export function selectStacks(
  env: Pick<ResolvedEnvironment, 'environment' | 'tenantStacks' | 'tenants'> &
    Partial<Pick<ResolvedEnvironment, 'retiredTenants'>>,
  tenants: readonly string[],
  source: string,
): string[] {
  if (tenants.length === 0) return stackNames(env);
  if (!env.tenantStacks) {
    throw new DeployArgumentsError(
      `--tenant: ${source} keeps every tenant in one stack; set "tenantStacks": true to deploy tenants one by one`,
    );
  }
  // A retired tenant's (empty) stack may be named too: that deploy destroys what it holds.
  const unknown = tenants.filter(
    (id) => !env.tenants.some((tenant) => tenant.id === id) && !(env.retiredTenants ?? []).includes(id),
  );
  if (unknown.length > 0) {
    throw new DeployArgumentsError(
      `--tenant: no tenant or retired tenant ${unknown.map((id) => `'${id}'`).join(', ')} in ${source}`,
    );
  }
  // The platform comes along: unchanged, its plan is empty (it holds no tenant's resource).
  return [env.environment, ...tenants.map((id) => tenantStackName(env.environment, id))];
}

/** cdktf options for a deploy of `stacks`: bounded waves unless the caller chose a parallelism. */
export function deployOptions(stacks: readonly string[], options: readonly string[]): string[] {
  return stacks.length > 1 && !options.includes('--parallelism')
    ? [...options, '--parallelism', String(DEFAULT_PARALLELISM)]
    : [...options];
}

/** Where cdktf reads the synthesized stacks: `--output`/`-o`, else `cdktf.out` (relative to infra/). */
export function outputDir(options: readonly string[]): string {
  const at = options.findIndex((option) => option === '--output' || option === '-o');
  return (at === -1 ? undefined : options[at + 1]) ?? 'cdktf.out';
}

/** Runs `work` on every item, at most `size` at a time; the first failure rejects once all settled. */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const failures: unknown[] = [];
  for (let i = 0; i < items.length; i += size) {
    const settled = await Promise.allSettled(items.slice(i, i + size).map(work));
    for (const result of settled) if (result.status === 'rejected') failures.push(result.reason);
  }
  if (failures.length > 0) throw failures[0];
}
