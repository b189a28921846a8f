/**
 * Table-driven tests of a Lambda's `loadConfig(env)`: each case sets some variables over a
 * base environment and expects either the configuration read from them or a
 * {@link ConfigError} that lists every problem and names each in its message.
 */
import { expect, it } from '@jest/globals';
import { ConfigError } from '../src/config-error';
import type { Env } from '../src/read-env';

/** Variables a case sets over the base environment; `undefined` removes one the base sets. */
export type CaseEnv = Readonly<Record<string, string | undefined>>;

/** An environment `loadConfig` accepts, and what it must read from it. */
export interface AcceptedCase<C> {
  readonly env: CaseEnv;
  /** The whole configuration (`toEqual`). */
  readonly returns?: C;
  /** Some fields of the configuration, each whole (`toEqual` on those fields). */
  readonly includes?: Partial<C>;
  /** Further checks, for values derived from the configuration. */
  readonly check?: (config: C) => void;
}

/** An environment `loadConfig` refuses, and every problem it must report, in order. */
export interface RefusedCase {
  readonly env: CaseEnv;
  /** Each problem: the exact text, or a pattern it matches. */
  readonly problems: readonly (string | RegExp)[];
  /** What the whole message must match or contain (the service that opens it). */
  readonly message?: string | RegExp;
}

/** One case of {@link configCases}. */
export type ConfigCase<C> = AcceptedCase<C> | RefusedCase;

/** One case per value, titled by `title(value)`: spread the result into a table of cases. */
export function casesFor<V, C>(
  values: readonly V[],
  title: (value: V) => string,
  make: (value: V) => ConfigCase<C>,
): Record<string, ConfigCase<C>> {
  return Object.fromEntries(values.map((value) => [title(value), make(value)]));
}

function environment(base: Env, env: CaseEnv): Env {
  return Object.fromEntries(Object.entries({ ...base, ...env }).filter(([, value]) => value !== undefined));
}

/** The error `read` throws, checked to be a {@link ConfigError}; fails the test when nothing is thrown. */
export function configErrorOf(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration was read');
}

/**
 * One test per case, titled by its key: `loadConfig` run on `base` with the case's variables
 * over it. A refused case checks the thrown {@link ConfigError}: its problems, one by one,
 * and that its message names each of them.
 */
export function configCases<C>(
  loadConfig: (env: Env) => C,
  base: Env,
  cases: Readonly<Record<string, ConfigCase<C>>>,
): void {
  it.each(Object.entries(cases))('%s', (_title, testCase) => {
    const env = environment(base, testCase.env);
    if ('problems' in testCase) {
      const error = configErrorOf(() => loadConfig(env));
      expect(error.problems).toEqual(
        testCase.problems.map((problem) =>
          typeof problem === 'string' ? problem : expect.stringMatching(problem),
        ),
      );
      for (const problem of error.problems) expect(error.message).toContain(problem);
      if (testCase.message !== undefined) expect(error.message).toMatch(testCase.message);
      return;
    }
    if (testCase.returns === undefined && testCase.includes === undefined && testCase.check === undefined) {
      throw new Error('an accepted case must say what it expects: returns, includes or check');
    }
    const config = loadConfig(env);
    if (testCase.returns !== undefined) expect(config).toEqual(testCase.returns);
    const { includes } = testCase;
    if (includes !== undefined) {
      const fields = Object.keys(includes).map((key) => [key, config[key as keyof C]]);
      expect(Object.fromEntries(fields)).toEqual(includes);
    }
    testCase.check?.(config);
  });
}
