/**
 * The one environment reader: every Lambda's `loadConfig` calls it once at cold start with
 * its specs. It reports every problem at once in one {@link ConfigError}, so one deploy
 * fixes them all.
 */
import { ConfigError } from './config-error';
import { defaultOf, type EnvSpecs, type EnvValues, type VarSpec } from './env-spec';

/** The environment as Lambda gives it (`process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

export { ConfigError };

const DIGITS = /^\d{1,15}$/;

/** True inside AWS Lambda (the runtime sets `AWS_EXECUTION_ENV=AWS_Lambda_nodejs22.x`). */
export const inAwsLambda = (env: Env): boolean => env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_') === true;

function readOne(name: string, spec: VarSpec, raw: string | undefined, problems: string[]): unknown {
  const value = raw?.trim() ?? '';
  switch (spec.type) {
    case 'string': {
      if (value === '') {
        if (spec.required) problems.push(`${name} is required (${spec.hint})`);
        return spec.default;
      }
      const wrong = spec.pattern && !spec.pattern.test(value) ? `must be ${spec.hint}` : spec.check?.(value);
      if (wrong !== undefined) {
        problems.push(`${name} ${wrong}`);
        return spec.default;
      }
      return value;
    }
    case 'int': {
      if (value === '') return spec.default;
      const number = DIGITS.test(value) ? Number(value) : Number.NaN;
      if (!(number >= spec.min && number <= spec.max)) {
        problems.push(`${name} must be an integer from ${spec.min} to ${spec.max}`);
        return spec.default;
      }
      return number;
    }
    case 'bool': {
      if (value === '') return spec.default;
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      problems.push(`${name} must be true or false`);
      return spec.default;
    }
    case 'enum': {
      if (value === '') return spec.default;
      // Words, not secrets: any case names the same value (X-Forwarded-Host, x-forwarded-host).
      const found = spec.values.find((word) => word.toLowerCase() === value.toLowerCase());
      if (found !== undefined) return found;
      problems.push(`${name} must be one of ${spec.values.join(', ')}`);
      return spec.default;
    }
    case 'list': {
      const items: string[] = [];
      for (const entry of value.split(',')) {
        const item = entry.trim();
        if (item === '') continue;
        const parsed = spec.item(item);
        if ('problem' in parsed) problems.push(`${name}: ${parsed.problem}`);
        else items.push(parsed.value);
      }
      return items;
    }
  }
}

/**
 * Reads every variable of `specs` from `env`. `refine` adds problems that span variables
 * (one needs another). Throws {@link ConfigError} naming `service` and every problem.
 */
export function readEnv<S extends EnvSpecs>(
  service: string,
  specs: S,
  env: Env,
  refine?: (values: EnvValues<S>) => readonly string[],
): EnvValues<S> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    values[name] = readOne(name, spec, env[name], problems);
    // Defence in depth: an emulator switch must never take effect in AWS.
    const isDefault =
      spec.type === 'list' ? (values[name] as string[]).length === 0 : values[name] === defaultOf(spec);
    if (spec.localOnly && !isDefault && inAwsLambda(env)) {
      problems.push(`${name} is local only and refused in AWS Lambda; remove it`);
    }
  }
  const typed = values as EnvValues<S>;
  // Run even after other problems (values fell back to defaults), so all are reported at once.
  if (refine) problems.push(...refine(typed));
  if (problems.length > 0) throw new ConfigError(service, problems);
  return typed;
}

/** The problems of the `ConfigError` that `read` throws, or none (for tests and tools). */
export function configProblems(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
