/**
 * What `pnpm synth` prints at the end, per environment: where its state lives, which account
 * and region it targets, how many tenants of each pattern, where the Terraform went (relative
 * to where the user typed the command) and the command to run next. A placeholder account id
 * (the examples' 111111111111) is flagged, since deploying with it can only fail.
 */
import { relative } from 'node:path';
import { stateLocation } from './backend';
import type { LoadedEnvironment } from './environments';

export interface SummaryStack {
  readonly loaded: LoadedEnvironment;
  /** Absolute directory of the synthesized stack. */
  readonly dir: string;
  readonly resources: number;
}

/** Account ids used as examples (twelve equal digits, the documentation's 123456789012). */
export function isPlaceholderAccount(accountId: string): boolean {
  return /^(\d)\1{11}$/.test(accountId) || accountId === '123456789012';
}

/** How the user names this environment on the command line: its name when it is the file of that name. */
function argument(loaded: LoadedEnvironment, environmentsDir: string, cwd: string): string {
  const name = loaded.environment.environment;
  const own = relative(environmentsDir, loaded.source) === `${name}.json`;
  return own ? name : relative(cwd, loaded.source) || loaded.source;
}

/** The summary lines for each synthesized environment. */
export function synthSummary(
  stacks: readonly SummaryStack[],
  options: { readonly cwd: string; readonly environmentsDir: string; readonly run: string },
): string {
  const blocks = stacks.map(({ loaded, dir, resources }) => {
    const env = loaded.environment;
    const arg = argument(loaded, options.environmentsDir, options.cwd);
    const dedicated = env.tenants.filter((t) => t.pattern === 'dedicated').length;
    const state = stateLocation(env);
    const account = env.accountId;
    const placeholder = account !== undefined && isPlaceholderAccount(account);
    const rows: [string, string][] = [
      [
        'account',
        account === undefined
          ? 'none (local only: deploy refuses an environment without accountId)'
          : placeholder
            ? `${account}  <- a placeholder: set "accountId" in ${relative(options.cwd, loaded.source)} to your AWS account before deploying`
            : account,
      ],
      ['region', env.region],
      [
        'state',
        state === undefined
          ? `local (terraform.${env.environment}.tfstate in infra/)`
          : `s3://${state.bucket}/${state.key} (${state.region}, ${state.dynamodbTable ? `lock table ${state.dynamodbTable}` : 'S3 lock file'})`,
      ],
      ['tenants', `${env.tenants.length} (${dedicated} dedicated, ${env.tenants.length - dedicated} shared)`],
      ['resources', String(resources)],
      ['output', relative(options.cwd, dir) || '.'],
      [
        'next',
        account === undefined
          ? `${options.run} start --env ${arg}    # run it locally`
          : placeholder
            ? `set accountId, then: ${options.run} run diff ${arg}    # with AWS credentials for that account`
            : `${options.run} run diff ${arg}    # with AWS credentials for account ${account}`,
      ],
    ];
    return [
      `${env.environment} (${relative(options.cwd, loaded.source)})`,
      ...rows.map(([k, v]) => `  ${k.padEnd(10)} ${v}`),
    ].join('\n');
  });
  return `\n${blocks.join('\n\n')}\n`;
}
