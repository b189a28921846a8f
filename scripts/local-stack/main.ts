/**
 * `pnpm start [-- options]`: the whole system on this machine. See options.ts for the
 * command line and stack.ts for what starts in which order.
 */
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { MissingBuildError } from './build-check';
import { demoUserDomainWarnings } from './demo-user-domains';
import { DemoUsersError } from './demo-users';
import { parseOptions, USAGE, UsageError } from './options';
import { PortTakenError } from './ports';
import { type LocalStack, startLocalStack } from './stack';
import { summary } from './summary';

const KNOWN = [UsageError, EnvironmentFileError, DemoUsersError, MissingBuildError, PortTakenError];

function fail(error: unknown): never {
  const known = KNOWN.some((type) => error instanceof type);
  process.stderr.write(
    `\nlocal stack: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`,
  );
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  process.exit(1);
}

async function main(): Promise<void> {
  // Relative paths (--env ./x.json) mean the folder the user typed the command in: pnpm runs
  // scripts from the root and keeps that folder in INIT_CWD, pnpmw in PNPMW_CWD.
  const options = parseOptions(
    process.argv.slice(2),
    process.env.PNPMW_CWD || process.env.INIT_CWD || process.cwd(),
  );
  if (options === undefined) {
    process.stdout.write(USAGE);
    return;
  }
  const started = Date.now();
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping ...\n`);
    const done = stack ? stack.stop() : Promise.resolve();
    done.then(
      () => {
        process.stdout.write('stopped.\n');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  stack = await startLocalStack(options, (line) => process.stdout.write(`  - ${line}\n`));
  if (stopping) {
    await stack.stop();
    return;
  }
  process.stdout.write(summary(stack));
  for (const warning of demoUserDomainWarnings(stack.users, stack.env, options.usersFile))
    process.stdout.write(`warning: ${warning}\n`);
  process.stdout.write(`Started in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

main().catch(fail);
