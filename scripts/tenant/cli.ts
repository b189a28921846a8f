/**
 * `pnpm tenant <command>`: dispatch and the one place where errors become exit codes and
 * messages (0 ok, 1 findings or failure, 2 usage).
 */
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import type { CliIo, Command } from './cli-io';
import { addCommand } from './commands/add';
import { checkCommand } from './commands/check';
import { editCommand } from './commands/edit';
import { listCommand } from './commands/list';
import { removeCommand } from './commands/remove';
import { spInfoCommand } from './commands/sp-info';
import { CommandError, EXIT, UsageError } from './errors';
import { printable } from './findings';
import { TENANT_COMMAND } from './run-hint';

export const COMMANDS: readonly Command[] = [
  addCommand,
  editCommand,
  removeCommand,
  checkCommand,
  spInfoCommand,
  listCommand,
];

export const USAGE = `Usage: ${TENANT_COMMAND} <command> <env> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

<env> is an environment name (dev -> infra/environments/dev.json) or a path to a .json file.
Every command takes --json for scripts and --help for its options.
Exit codes: 0 ok, 1 findings or failure, 2 usage.`;

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv.filter((arg, index) => !(index === 0 && arg === '--'));
  const json = rest.includes('--json');
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(`${USAGE}\n`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command '${name}'`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, json, name);
  }
}

/** Maps an error to its message and exit code. */
export function reportError(error: unknown, io: CliIo, json: boolean, command?: string): number {
  const { kind, code, message, problems } = describeError(error);
  if (json) {
    io.stdout(`${JSON.stringify({ ok: false, error: { kind, message, problems } }, null, 2)}\n`);
  } else {
    const hint =
      kind === 'usage'
        ? `\n(run: ${TENANT_COMMAND} ${command && COMMANDS.some((c) => c.name === command) ? `${command} ` : ''}--help)`
        : '';
    const details = problems.map((p) => `\n  - ${p.split('\n').map(printable).join('\n    ')}`).join('');
    io.stderr(`${printable(`tenant: ${message}`)}${details}${hint}\n`);
  }
  return code;
}

function describeError(error: unknown) {
  if (error instanceof UsageError)
    return { kind: 'usage', code: EXIT.usage, message: error.message, problems: [] as string[] };
  if (error instanceof CommandError)
    return { kind: 'failed', code: EXIT.failed, message: error.message, problems: [...error.problems] };
  if (error instanceof EnvironmentFileError) {
    return {
      kind: 'invalid-environment',
      code: EXIT.failed,
      message: `${error.source}: ${error.problems.length} problem(s)`,
      problems: [...error.problems],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'unexpected',
    code: EXIT.failed,
    message: `unexpected error: ${message}`,
    problems: [] as string[],
  };
}
