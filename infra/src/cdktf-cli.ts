/**
 * `pnpm run deploy <env>` / `pnpm run diff <env>`: runs cdktf-cli with a Terraform CLI
 * configuration that installs the AWS provider from the local mirror when the machine has
 * one (and then skips `terraform providers lock`, which always asks the registry). A
 * `TF_CLI_CONFIG_FILE` of your own is kept when the file exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findProviderMirror, writeCliConfig } from './terraform-cli-config';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'deploy' && command !== 'diff') {
  process.stderr.write('usage: cdktf-cli.ts deploy|diff <environment> [cdktf options]\n');
  process.exit(2);
}
if (rest.filter((arg) => !arg.startsWith('-')).length === 0) {
  process.stderr.write(
    `name the environment: pnpm run ${command} <environment> (one stack per environment)\n`,
  );
  process.exit(2);
}
const own = process.env.TF_CLI_CONFIG_FILE;
const mirror = own && existsSync(own) ? undefined : findProviderMirror(process.env);
const cliConfig =
  own && existsSync(own) ? own : writeCliConfig(join(tmpdir(), 'cognito-tenancy-terraform'), mirror);
// `terraform providers lock` always asks the registry; with a mirror the lock file comes from init instead.
const lockOptions =
  mirror === undefined || rest.includes('--skip-provider-lock') ? [] : ['--skip-provider-lock'];
const cdktf = createRequire(import.meta.url).resolve('cdktf-cli/bundle/bin/cdktf');
const result = spawnSync(process.execPath, [cdktf, command, ...rest, ...lockOptions], {
  cwd: resolve(import.meta.dirname, '..'),
  stdio: 'inherit',
  env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' },
});
process.exit(result.status ?? 1);
