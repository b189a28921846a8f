/**
 * The commands of the infra README's "CI (non-interactive)" block, which the rehearsal runs
 * verbatim for each environment. `<env>` stands for the environment (the rehearsal passes the
 * path of its copy of the file). tests/unit/rehearsal-commands.test.ts compares this list with
 * the README block, so the two cannot drift apart.
 */

export const ENV_PLACEHOLDER = '<env>';

export const CI_COMMANDS = {
  build: ['pnpm', 'run', 'build'],
  bootstrap: ['pnpm', '--filter', '@cognito-tenancy/infra', 'run', 'bootstrap', ENV_PLACEHOLDER],
  synth: ['pnpm', '--filter', '@cognito-tenancy/infra', 'run', 'synth', ENV_PLACEHOLDER],
  deploy: [
    'pnpm',
    '--filter',
    '@cognito-tenancy/infra',
    'run',
    'deploy',
    ENV_PLACEHOLDER,
    '--skip-synth',
    '--auto-approve',
  ],
} as const;

export type CiStep = keyof typeof CI_COMMANDS;

/**
 * The only options the rehearsal adds, documented in the README's rehearsal section: its own
 * output directory instead of infra/cdktf.out (so it never touches a developer's synth).
 */
export const REHEARSAL_OPTIONS: Readonly<Partial<Record<CiStep, readonly string[]>>> = {
  synth: ['--out', '<dir>'],
  deploy: ['--output', '<dir>'],
};

/** A CI step for one environment, with the rehearsal's output directory. */
export function ciCommand(step: CiStep, environment: string, outdir?: string): [string, string[]] {
  const extra =
    outdir === undefined ? [] : (REHEARSAL_OPTIONS[step] ?? []).map((a) => (a === '<dir>' ? outdir : a));
  const [command, ...args] = [
    ...CI_COMMANDS[step].map((a) => (a === ENV_PLACEHOLDER ? environment : a)),
    ...extra,
  ];
  return [command as string, args];
}
