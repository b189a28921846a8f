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
    throw new UsageError(usageMessage(error as Error, args, { ...COMMON_OPTIONS, ...options }));
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

/**
 * node:util's messages are written for programmers (and advise `--` for an unknown option,
 * with an unbalanced quote); say which option is unknown and the nearest known one.
 */
function usageMessage(
  error: Error & { code?: string },
  args: readonly string[],
  options: OptionSpec,
): string {
  const names = Object.keys(options);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const unknown = args.find((arg) => {
      if (!arg.startsWith('-') || arg === '--') return false;
      const name = arg.replace(/^--?/, '').split('=')[0] ?? '';
      return arg.startsWith('--')
        ? !names.includes(name)
        : !Object.values(options).some((o) => o.short === name);
    });
    if (unknown !== undefined) {
      const name = unknown.replace(/^--?/, '').split('=')[0] ?? '';
      const near = nearest(name, names);
      return `unknown option ${unknown.split('=')[0]}${near === undefined ? '' : ` (did you mean --${near}?)`}`;
    }
  }
  const option = /^Option '(?:-\w, )?(--?[\w-]+)/.exec(error.message)?.[1];
  if (option !== undefined && error.message.includes('argument missing'))
    return `option ${option} needs a value`;
  if (option !== undefined && error.message.includes('ambiguous'))
    return `option ${option} needs a value (write ${option}=-value for a value that starts with -)`;
  return error.message.split('\n')[0] ?? 'invalid arguments';
}

/** The known name closest to `name` (edit distance at most a third of its length, or a prefix). */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance =
      candidate.startsWith(name) || name.startsWith(candidate)
        ? Math.abs(candidate.length - name.length)
        : editDistance(name, candidate);
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(name.length / 3))
    ? best.name
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
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
