/**
 * Runs the Terraform CLI offline: providers come from the local mirror through the CLI
 * configuration infra writes, never from the network. Missing pieces fail with a message
 * that says what to install.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  DEFAULT_PROVIDER_MIRROR,
  findProviderMirror,
  PROVIDER_MIRROR_VARIABLE,
  writeCliConfig,
} from '../../src/terraform-cli-config';
import { type ChildRun, runChild } from './child-run';

/** What one Terraform command printed, and how it ended. */
export type TerraformRun = ChildRun;

/** The `terraform` executable on PATH, or undefined. */
export function findTerraform(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'terraform');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** What the offline Terraform tests need, or a message naming what is missing. */
export function terraformSetup(configDir: string): { binary: string; cliConfig: string } {
  const binary = findTerraform();
  if (binary === undefined) {
    throw new Error(
      'Terraform CLI not found on PATH. These tests run `terraform init -backend=false`, `validate` and `plan` ' +
        'offline on every synthesized stack: install Terraform >= 1.10 (the S3 backend uses use_lockfile).',
    );
  }
  const mirror = findProviderMirror(process.env);
  if (mirror === undefined) {
    throw new Error(
      `No provider mirror with registry.terraform.io/hashicorp/aws at ${process.env[PROVIDER_MIRROR_VARIABLE] || DEFAULT_PROVIDER_MIRROR}. ` +
        `Run \`terraform providers mirror <dir>\` on a synthesized stack once, then set ${PROVIDER_MIRROR_VARIABLE}=<dir>.`,
    );
  }
  return { binary, cliConfig: writeCliConfig(configDir, mirror) };
}

/** Runs `terraform <args>` in `dir` with the offline CLI configuration. */
export function terraform(
  setup: { binary: string; cliConfig: string },
  dir: string,
  args: readonly string[],
): Promise<TerraformRun> {
  return runChild(setup.binary, [...args, '-no-color'], {
    cwd: dir,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: setup.cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      TF_INPUT: '0',
    },
  });
}

/** Fails with Terraform's own output when a run did not succeed. */
export function expectSuccess(run: TerraformRun, what: string): TerraformRun {
  if (run.status !== 0) throw new Error(`${what} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

/**
 * Overrides that let `terraform plan` run with placeholder credentials and no AWS call:
 * a local backend in the stack directory and a provider that skips every identity lookup
 * (so `allowed_account_ids`, which needs one, is lifted for the plan only).
 */
export const PLAN_OVERRIDE = {
  terraform: { backend: { local: { path: 'plan-test.tfstate' } } },
  provider: {
    aws: {
      access_key: 'AKIAPLACEHOLDER00000',
      secret_key: 'placeholder-secret-key',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      allowed_account_ids: null,
      max_retries: 1,
    },
  },
} as const;

/** {@link PLAN_OVERRIDE} for a stack that also has aliased AWS providers (hosting's us-east-1). */
export function planOverride(aliases: readonly string[]): object {
  const base = PLAN_OVERRIDE.provider.aws;
  return { ...PLAN_OVERRIDE, provider: { aws: [base, ...aliases.map((alias) => ({ ...base, alias }))] } };
}
