/**
 * Command-line parsing on node:util parseArgs, strict: an unknown option or a missing value
 * is a {@link UsageError} (exit code 2), never silently ignored.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses `args` against `options`, expecting exactly the named positionals. */
export function parseCommandArgs(
  args: readonly string[],
  options: OptionSpec,
  positionals: readonly string[],
): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const values = parsed.values as ParsedArgs['values'];
  if (parsed.positionals.length < positionals.length) {
    throw new UsageError(`missing <${positionals.slice(parsed.positionals.length).join('> <')}>`);
  }
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(`unexpected argument '${parsed.positionals[positionals.length]}'`);
  }
  return { values, positionals: parsed.positionals };
}

/** A string option's value. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (also split on commas by the caller when lists). */
export function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const value = args.values[name];
  return Array.isArray(value) ? value : undefined;
}

export const flag = (args: ParsedArgs, name: string): boolean => args.values[name] === true;

/** A positive integer option (milliseconds, counts). */
export function intOption(args: ParsedArgs, name: string, fallback: number, max: number): number {
  const value = stringOption(args, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be an integer from 1 to ${max}`);
  return n;
}
