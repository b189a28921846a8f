/**
 * A Terraform CLI configuration that installs providers from a local filesystem mirror
 * when one exists (offline machines, CI), and from the registry otherwise. Used by the
 * tests (`terraform init -backend=false`, `validate`, `plan`) and by `pnpm run deploy|diff`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Environment variable naming the mirror directory; defaults to {@link DEFAULT_PROVIDER_MIRROR}. */
export const PROVIDER_MIRROR_VARIABLE = 'COGNITO_TENANCY_PROVIDER_MIRROR';
/** Where provisioned machines keep the mirror (`registry.terraform.io/hashicorp/aws/<version>/<os_arch>`). */
export const DEFAULT_PROVIDER_MIRROR = '/opt/tf-plugins';
/** Providers the stacks use. */
export const MIRRORED_PROVIDERS = ['registry.terraform.io/hashicorp/aws'] as const;

/** The mirror directory to use, or undefined when none holds the providers. */
export function findProviderMirror(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const dir = env[PROVIDER_MIRROR_VARIABLE] || DEFAULT_PROVIDER_MIRROR;
  return MIRRORED_PROVIDERS.every((provider) => existsSync(join(dir, provider))) ? dir : undefined;
}

/** The CLI configuration text (HCL). */
export function cliConfigText(mirror: string | undefined): string {
  if (mirror === undefined) return '# No local provider mirror: providers come from the registry.\n';
  const providers = MIRRORED_PROVIDERS.map((p) => JSON.stringify(p)).join(', ');
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${providers}]`,
    '  }',
    '  direct {',
    `    exclude = [${providers}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Writes the configuration into `dir` and returns its path (for `TF_CLI_CONFIG_FILE`). */
export function writeCliConfig(dir: string, mirror: string | undefined): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraform.rc');
  writeFileSync(file, cliConfigText(mirror));
  return file;
}

/** The CLI configuration a Terraform run uses, and the mirror behind it when it is ours. */
export interface CliConfigChoice {
  /** For `TF_CLI_CONFIG_FILE`. */
  readonly file: string;
  /** The provider mirror the written configuration uses; undefined when the user's file is kept or none exists. */
  readonly mirror: string | undefined;
}

/**
 * The user's `TF_CLI_CONFIG_FILE` when that file exists; otherwise a configuration written under
 * the temporary directory that installs the providers from the machine's mirror, if it has one.
 * `pnpm run deploy|diff` and `migrate` both choose this way.
 */
export function chooseCliConfig(env: Readonly<Record<string, string | undefined>>): CliConfigChoice {
  const own = env.TF_CLI_CONFIG_FILE;
  if (own && existsSync(own)) return { file: own, mirror: undefined };
  const mirror = findProviderMirror(env);
  return { file: writeCliConfig(join(tmpdir(), 'cognito-tenancy-terraform'), mirror), mirror };
}

/**
 * The environment cdktf runs Terraform with. cdktf points every run at one shared plugin cache
 * (`TF_PLUGIN_CACHE_DIR=~/.terraform.d/plugin-cache`) unless `CDKTF_DISABLE_PLUGIN_CACHE_ENV`
 * is set, and Terraform's cache is not safe for concurrent installs: two stacks' `init` at once
 * (a fleet deploy in waves) can fail with `mkdir ...plugin-cache/...: file exists`. With our
 * mirror every stack links the provider from it, so the cache is turned off; without, the
 * user's own setting stands.
 */
export function cdktfEnvironment(
  base: NodeJS.ProcessEnv,
  config: { readonly file: string; readonly mirror: string | undefined },
): NodeJS.ProcessEnv {
  return {
    ...base,
    TF_CLI_CONFIG_FILE: config.file,
    CHECKPOINT_DISABLE: '1',
    ...(config.mirror === undefined ? {} : { CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true' }),
  };
}
