/**
 * `pnpm synth [env|file ...] [--out DIR] [--tenant ID ...]`: synthesizes each environment (all
 * of `infra/environments/` by default) into `cdktf.out/stacks/<env>`; `--tenant` (one
 * tenant-stacks environment) only the platform and the named tenants' stacks, as
 * `deploy --tenant` does. Also the `app` that cdktf-cli runs for `pnpm run deploy <env>` and
 * `pnpm run diff <env>`.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { RegistryEntriesError } from '@cognito-tenancy/registry/registry-entries';
import { synthesize } from './app';
import { ARTIFACTS_DIR_VARIABLE, DEFAULT_ARTIFACTS_DIR, MissingArtifactError } from './artifacts';
import { PoolLimitError } from './constructs/tenancy-user-pool';
import { DEPLOY_ENVIRONMENT_VARIABLE } from './deploy-target';
import { ENVIRONMENTS_DIR, environmentNames, type LoadedEnvironment, loadEnvironments } from './environments';
import { MetadataFileError } from './saml-metadata';
import { synthSummary } from './synth-summary';
import { checkSynthTenants } from './synth-tenants';

/**
 * Where the user typed the command: pnpm runs this in infra/, so relative paths are resolved
 * against the caller's folder (PNPMW_CWD from scripts/pnpmw, else pnpm's INIT_CWD).
 */
const CALLER_CWD = process.env.PNPMW_CWD || process.env.INIT_CWD || process.cwd();

/** A path argument, relative to the caller; a bare name stays a name. */
function fromCaller(arg: string): string {
  const isPath = arg.endsWith('.json') || arg.includes('/');
  return isPath && !isAbsolute(arg) ? resolve(CALLER_CWD, arg) : arg;
}

/**
 * A copy of an environment file whose `environment` is also an infra/environments file would
 * synthesize into that file's cdktf.out/stacks/<env> and silently replace it: refused.
 */
function refuseShadowing(environments: readonly LoadedEnvironment[], outdir: string | undefined): void {
  if (outdir !== undefined) return;
  for (const { environment, source } of environments) {
    const own = join(ENVIRONMENTS_DIR, `${environment.environment}.json`);
    if (source !== own && environmentNames().includes(environment.environment)) {
      throw new EnvironmentFileError(source, [
        `environment '${environment.environment}' would overwrite cdktf.out/stacks/${environment.environment}, the stack of ${relative(CALLER_CWD, own)}: give the copy its own "environment" name, or synthesize it elsewhere with --out <dir>`,
      ]);
    }
  }
}

interface Args {
  readonly environments: string[];
  readonly outdir?: string;
  readonly tenants: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const environments: string[] = [];
  const tenants: string[] = [];
  let outdir: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--out')
      outdir = argv[++i] === undefined ? undefined : resolve(CALLER_CWD, argv[i] as string);
    else if (arg === '--tenant') {
      const id = argv[++i];
      if (id === undefined || id.startsWith('-'))
        throw new EnvironmentFileError('(arguments)', ['--tenant needs a tenant id: --tenant <id>']);
      tenants.push(id);
    } else if (arg === '--') continue;
    else if (arg.startsWith('-')) throw new EnvironmentFileError('(arguments)', [`unknown option ${arg}`]);
    else environments.push(fromCaller(arg));
  }
  return { environments, tenants, ...(outdir === undefined ? {} : { outdir }) };
}

/** Errors that are the user's to fix: printed without a stack trace. */
const CONFIGURATION_ERRORS = [
  EnvironmentFileError,
  MissingArtifactError,
  MetadataFileError,
  PoolLimitError,
  RegistryEntriesError,
];

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  // Run by cdktf-cli for `pnpm run deploy|diff <env>`: that environment only.
  const deploying = process.env[DEPLOY_ENVIRONMENT_VARIABLE];
  const names =
    args.environments.length > 0 ? args.environments : deploying ? [deploying] : environmentNames();
  const environments = loadEnvironments(names);
  if (!deploying) refuseShadowing(environments, args.outdir);
  checkSynthTenants(environments, args.tenants);
  const artifactsDir = process.env[ARTIFACTS_DIR_VARIABLE] || DEFAULT_ARTIFACTS_DIR;
  const stacks = synthesize({
    environments,
    artifactsDir,
    ...(args.outdir === undefined ? {} : { outdir: args.outdir }),
    ...(args.tenants.length === 0 ? {} : { tenants: args.tenants }),
  });
  // From process start: loading CDKTF and the provider bindings is most of the cost.
  const seconds = (performance.now() / 1000).toFixed(1);
  for (const stack of stacks) {
    for (const warning of stack.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stderr.write(`synthesized ${stack.environment}: ${stack.resources} resources -> ${stack.dir}\n`);
    if (stack.tenantStacks.length > 0) {
      const resources = stack.tenantStacks.reduce((sum, tenant) => sum + tenant.resources, 0);
      const of = args.tenants.length === 0 ? '' : ` (only --tenant ${args.tenants.join(', ')})`;
      process.stderr.write(
        `synthesized ${stack.tenantStacks.length} tenant stacks of ${stack.environment}${of}: ${resources} resources -> ${stack.dir}--<tenant id>\n`,
      );
    }
    if (stack.retiredStacks.length > 0)
      process.stderr.write(
        `synthesized ${stack.retiredStacks.length} retired tenant stacks of ${stack.environment} (empty: deploy destroys what their states hold): ${stack.retiredStacks.join(', ')}\n`,
      );
  }
  process.stderr.write(`synth took ${seconds} s\n`);
  if (deploying) return;
  process.stderr.write(
    synthSummary(
      stacks.map((stack, index) => ({
        loaded: environments[index] as LoadedEnvironment,
        dir: resolve(stack.dir),
        resources: stack.resources,
      })),
      { cwd: CALLER_CWD, environmentsDir: ENVIRONMENTS_DIR, run: './scripts/pnpmw' },
    ),
  );
}

try {
  main();
} catch (error) {
  if (CONFIGURATION_ERRORS.some((type) => error instanceof type)) {
    process.stderr.write(`synth failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
  throw error;
}
