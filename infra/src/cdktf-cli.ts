/**
 * `pnpm run deploy <env>` / `pnpm run diff <env>` / `pnpm run destroy <env>`: runs cdktf-cli
 * with a Terraform CLI configuration that installs the AWS provider from the local mirror when the machine has
 * one (and then skips `terraform providers lock`, which always asks the registry). A
 * `TF_CLI_CONFIG_FILE` of your own is kept when the file exists.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { updateIssuerIndexAfterDeploy } from './deploy-issuer-index';
import { platformDecision, recordDeployed } from './deploy-records';
import { deployRefusal } from './deploy-refusal';
import {
  DeployArgumentsError,
  deployOptions,
  outputDir,
  parseDeployArguments,
  selectStacks,
} from './deploy-stacks';
import { DEPLOY_ENVIRONMENT_VARIABLE, loadDeployTarget } from './deploy-target';
import { cleanUpAfterDestroy, destroyRefusal } from './destroy-guard';
import type { LoadedEnvironment } from './environments';
import { skipSynthRefusal } from './synth-manifest';
import { cdktfEnvironment, chooseCliConfig } from './terraform-cli-config';
import { runCleaned } from './terraform-output';

// pnpm passes a `--` through literally (`pnpm run deploy dev -- --auto-approve`); cdktf would
// then read every option after it as a stack name. Drop it so both spellings work.
const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
if (command !== 'deploy' && command !== 'diff' && command !== 'destroy') {
  process.stderr.write(
    'usage: cdktf-cli.ts deploy|diff <environment> [--tenant <id>] [cdktf options] | destroy <environment> [cdktf options]\n',
  );
  process.exit(2);
}
let target: LoadedEnvironment;
let stacks: string[];
let options: readonly string[];
let selectedTenants: readonly string[];
try {
  const args = parseDeployArguments(command, rest);
  if (command === 'destroy' && args.tenants.length > 0)
    throw new DeployArgumentsError(
      'destroy takes a whole environment; to take one tenant out, list it in "retiredTenants" and deploy --tenant <id>',
    );
  target = loadDeployTarget(args.environment);
  stacks = selectStacks(target.environment, args.tenants, target.source);
  options = args.options;
  selectedTenants = args.tenants;
} catch (error) {
  if (!(error instanceof EnvironmentFileError || error instanceof DeployArgumentsError)) throw error;
  process.stderr.write(`${command} refused: ${error.message}\n`);
  process.exit(1);
}
const cliConfig = chooseCliConfig(process.env);
const { mirror } = cliConfig;
// `terraform providers lock` always asks the registry; with a mirror the lock file comes from init instead.
const lockOptions =
  mirror === undefined || options.includes('--skip-provider-lock') ? [] : ['--skip-provider-lock'];
const cdktf = createRequire(import.meta.url).resolve('cdktf-cli/bundle/bin/cdktf');
const runCdktf = (args: readonly string[]) =>
  // Captured (CI, a pipe), cdktf's terminal UI is escape codes, spinner frames and repeated
  // errors: cleaned then (terraform-output.ts); a terminal gets it untouched, prompts included.
  runCleaned(process.execPath, [cdktf, ...args, ...lockOptions], {
    cwd: resolve(import.meta.dirname, '..'),
    env: { ...cdktfEnvironment(process.env, cliConfig), [DEPLOY_ENVIRONMENT_VARIABLE]: target.source },
    clean: !process.stdout.isTTY,
  });

/** The infra package's version, for the deploy records. */
function infraVersion(): string {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8'))
    .version as string;
}

/**
 * Synthesizes the platform and the selected tenants' stacks into `out` the way `pnpm synth
 * --tenant` does (deploy then skips cdktf's synth): 2 stacks at any number of tenants.
 */
function runSynth(out: string, tenants: readonly string[]): Promise<number> {
  const only = tenants.flatMap((id) => ['--tenant', id]);
  return runCleaned(
    process.execPath,
    ['--disable-warning=DEP0044', '--import', 'tsx', 'src/main.ts', target.source, '--out', out, ...only],
    { cwd: resolve(import.meta.dirname, '..'), env: process.env, clean: false },
  );
}

/** `--skip-synth` with an output folder whose last synth lacks a stack of this run: refused. */
function refuseUnsynthesized(out: string): void {
  if (!options.includes('--skip-synth')) return;
  const refusal = skipSynthRefusal(out, stacks, target.source);
  if (refusal === undefined) return;
  process.stderr.write(`${command} refused: ${refusal}\n`);
  process.exit(1);
}

let status: number;
if (command === 'deploy') {
  const out = resolve(import.meta.dirname, '..', outputDir(options));
  let cdktfOptions = deployOptions(stacks, options);
  let applied = stacks;
  const refusal = await deployRefusal(target.environment, out);
  if (refusal !== undefined) {
    process.stderr.write(`deploy refused: ${refusal}\n`);
    process.exit(1);
  }
  refuseUnsynthesized(out);
  // Onboarding: the platform is planned only when its configuration is not the one it runs.
  if (selectedTenants.length > 0) {
    if (!options.includes('--skip-synth')) {
      status = await runSynth(out, selectedTenants);
      if (status !== 0) process.exit(status);
      cdktfOptions = [...cdktfOptions, '--skip-synth'];
    }
    const platform = target.environment.environment;
    const decision = await platformDecision(target.environment, out);
    process.stderr.write(`${decision.message}\n`);
    if (decision.skip) {
      applied = stacks.filter((stack) => stack !== platform);
      cdktfOptions = [...cdktfOptions, '--ignore-missing-stack-dependencies'];
    }
  }
  status = await runCdktf(['deploy', ...applied, ...cdktfOptions]);
  // Records only when every stack was applied without a question: after an interactive run,
  // a declined stack would look deployed (the next deploy --tenant then plans the platform).
  if (status === 0 && cdktfOptions.includes('--auto-approve')) {
    status = await recordDeployed(target.environment, applied, out, infraVersion());
  } else if (status === 0) {
    process.stderr.write('deploy records: not written (interactive approval; they need --auto-approve)\n');
  }
  // Tenant stacks write issuer records, not the index: add to or rebuild it after the applies.
  if (status === 0 && target.environment.tenantStacks) {
    try {
      await updateIssuerIndexAfterDeploy({
        environment: target.environment,
        out,
        tenants: selectedTenants,
        platformApplied: applied.includes(target.environment.environment),
        write: (line) => process.stdout.write(`${line}\n`),
      });
    } catch (error) {
      // The index is a hint: sign-in works without it, at the cost of metered issuer reads.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `deploy applied, but the issuer index was not updated: ${message}\nrun: pnpm --filter @cognito-tenancy/infra sync-issuer-index ${target.environment.environment}\n`,
      );
      status = 1;
    }
  }
} else if (command === 'destroy') {
  // The platform's stack only: tenant stacks must be empty first (destroy-guard.ts).
  const out = resolve(import.meta.dirname, '..', outputDir(options));
  const refusal = await destroyRefusal(target.environment, out);
  if (refusal !== undefined) {
    process.stderr.write(`destroy refused: ${refusal}\n`);
    process.exit(1);
  }
  // Tenant stacks depend on the platform; their states were just checked empty.
  const dependents = target.environment.tenantStacks ? ['--ignore-missing-stack-dependencies'] : [];
  status = await runCdktf(['destroy', target.environment.environment, ...options, ...dependents]);
  if (status === 0 && options.includes('--auto-approve'))
    status = await cleanUpAfterDestroy(target.environment);
  else if (status === 0)
    process.stderr.write(
      'deploy record and issuer index: kept (interactive approval: a declined destroy leaves the stack); after a destroy run it again with --auto-approve (nothing left to destroy, then they go)\n',
    );
} else {
  // A diff shows only the stacks of the file: tenants taken out without retiring are in none of
  // them, so the diff would look clean while deploy refuses. Said first, then diffed anyway.
  const out = resolve(import.meta.dirname, '..', outputDir(options));
  const refusal = await deployRefusal(target.environment, out);
  if (refusal !== undefined) process.stderr.write(`diff: deploy would refuse: ${refusal}\n`);
  refuseUnsynthesized(out);
  // cdktf diffs one stack per run: one synth (of the selected tenants only with --tenant), then
  // every run reuses its output.
  let synthesized = options.includes('--skip-synth');
  if (!synthesized && selectedTenants.length > 0) {
    const synth = await runSynth(out, selectedTenants);
    if (synth !== 0) process.exit(synth);
    synthesized = true;
  }
  status = 0;
  for (const [index, stack] of stacks.entries()) {
    const reuse = (synthesized || index > 0) && !options.includes('--skip-synth') ? ['--skip-synth'] : [];
    const run = await runCdktf(['diff', stack, ...options, ...reuse]);
    if (run !== 0) status = run;
  }
}
process.exit(status);
