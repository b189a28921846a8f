/**
 * `pnpm run deploy <env>` / `pnpm run diff <env>`: runs cdktf-cli with a Terraform CLI
 * configuration that installs the AWS provider from the local mirror when the machine has
 * one (and then skips `terraform providers lock`, which always asks the registry). A
 * `TF_CLI_CONFIG_FILE` of your own is kept when the file exists.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { DEPLOY_ENVIRONMENT_VARIABLE, loadDeployTarget } from './deploy-target';
import type { LoadedEnvironment } from './environments';
import { findProviderMirror, writeCliConfig } from './terraform-cli-config';
import { runCleaned } from './terraform-output';

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

// pnpm passes a `--` through literally (`pnpm run deploy dev -- --auto-approve`); cdktf would
// then read every option after it as a stack name. Drop it so both spellings work.
const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
if (command !== 'deploy' && command !== 'diff') {
  process.stderr.write('usage: cdktf-cli.ts deploy|diff <environment> [cdktf options]\n');
  process.exit(2);
}
const positional = rest.filter((arg, i) => !arg.startsWith('-') && !VALUED_OPTIONS.has(rest[i - 1] ?? ''));
if (positional.length !== 1) {
  process.stderr.write(
    `name one environment: pnpm run ${command} <environment> [--auto-approve] (one stack per environment)\n`,
  );
  process.exit(2);
}
let target: LoadedEnvironment;
try {
  target = loadDeployTarget(positional[0] as string);
} catch (error) {
  if (!(error instanceof EnvironmentFileError)) throw error;
  process.stderr.write(`${command} refused: ${error.message}\n`);
  process.exit(1);
}
// cdktf names stacks by the file's `environment`; a path (a copy of the file) is passed to the app.
const cdktfArgs = rest.map((arg) => (arg === positional[0] ? target.environment.environment : arg));
const own = process.env.TF_CLI_CONFIG_FILE;
const mirror = own && existsSync(own) ? undefined : findProviderMirror(process.env);
const cliConfig =
  own && existsSync(own) ? own : writeCliConfig(join(tmpdir(), 'cognito-tenancy-terraform'), mirror);
// `terraform providers lock` always asks the registry; with a mirror the lock file comes from init instead.
const lockOptions =
  mirror === undefined || cdktfArgs.includes('--skip-provider-lock') ? [] : ['--skip-provider-lock'];
const cdktf = createRequire(import.meta.url).resolve('cdktf-cli/bundle/bin/cdktf');
// Captured (CI, a pipe), cdktf's terminal UI is escape codes, spinner frames and repeated
// errors: cleaned then (terraform-output.ts); a terminal gets it untouched, prompts included.
const status = await runCleaned(process.execPath, [cdktf, command, ...cdktfArgs, ...lockOptions], {
  cwd: resolve(import.meta.dirname, '..'),
  env: {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: '1',
    [DEPLOY_ENVIRONMENT_VARIABLE]: target.source,
  },
  clean: !process.stdout.isTTY,
});
process.exit(status);
