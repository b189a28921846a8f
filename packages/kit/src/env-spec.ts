/**
 * Environment specs: each Lambda declares the variables it reads once, as data. The one
 * reader (`read-env.ts`) validates them, infra's contract test runs them against what infra
 * sets, and the README's environment table is written from them.
 */

interface BaseSpec {
  /** One line for the README table and for error messages. */
  readonly description: string;
  /**
   * Only for the local stack or tests (an emulator switch): a value other than the default
   * is refused inside AWS Lambda.
   */
  readonly localOnly?: boolean;
}

/** Free text, optionally with a pattern. Absent and not required: the default, else `undefined`. */
export interface StringSpec<R extends boolean = boolean> extends BaseSpec {
  readonly type: 'string';
  readonly required: R;
  readonly default?: string;
  readonly pattern?: RegExp;
  /** What a valid value looks like, e.g. `a DynamoDB table name`: completes the error message. */
  readonly hint: string;
  /** Extra check after the pattern: returns what is wrong, or `undefined`. */
  readonly check?: (value: string) => string | undefined;
}

/** A decimal integer (digits only) within bounds. */
export interface IntSpec extends BaseSpec {
  readonly type: 'int';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** `true` or `false` (any case). */
export interface BoolSpec extends BaseSpec {
  readonly type: 'bool';
  readonly default: boolean;
}

/** One of a few words. Without a default the value may be `undefined`. */
export interface EnumSpec<V extends string = string> extends BaseSpec {
  readonly type: 'enum';
  readonly values: readonly V[];
  readonly default?: V;
}

/**
 * A comma-separated list. `item` normalises one entry or says what is wrong with it
 * (for example {@link import('./origins').originItem}); blank entries are skipped.
 */
export interface ListSpec extends BaseSpec {
  readonly type: 'list';
  readonly item: (value: string) => { readonly value: string } | { readonly problem: string };
}

/** Any one variable's spec. */
export type VarSpec = StringSpec | IntSpec | BoolSpec | EnumSpec | ListSpec;

/** A Lambda's variables, keyed by their names. */
export type EnvSpecs = Readonly<Record<string, VarSpec>>;

/** The parsed value of one spec. */
export type ValueOf<S> =
  S extends StringSpec<true>
    ? string
    : S extends StringSpec
      ? S extends { readonly default: string }
        ? string
        : string | undefined
      : S extends IntSpec
        ? number
        : S extends BoolSpec
          ? boolean
          : S extends EnumSpec<infer V>
            ? S extends { readonly default: string }
              ? V
              : V | undefined
            : S extends ListSpec
              ? readonly string[]
              : never;

/** The parsed values of a Lambda's specs, keyed like them. */
export type EnvValues<S extends EnvSpecs> = { readonly [K in keyof S]: ValueOf<S[K]> };

type Omit1<T, K extends string> = Omit<T, K | 'type'>;

/** A required text variable. */
export const requiredString = (spec: Omit1<StringSpec<true>, 'required'>): StringSpec<true> => ({
  type: 'string',
  required: true,
  ...spec,
});

/** An optional text variable (with a default, or `undefined` when absent). */
export function optionalString<const D extends string | undefined = undefined>(
  spec: Omit1<StringSpec<false>, 'required' | 'default'> & { readonly default?: D },
): StringSpec<false> & (D extends string ? { readonly default: string } : unknown) {
  return { type: 'string', required: false, ...spec } as StringSpec<false> &
    (D extends string ? { readonly default: string } : unknown);
}

/** An integer variable with bounds and a default. */
export const int = (spec: Omit1<IntSpec, never>): IntSpec => ({ type: 'int', ...spec });

/** A `true`/`false` variable with a default. */
export const bool = (spec: Omit1<BoolSpec, never>): BoolSpec => ({ type: 'bool', ...spec });

/** One of `values`; `default` may be left out (then the value may be `undefined`). */
export function oneOf<const V extends string, const D extends V | undefined = undefined>(
  spec: Omit1<EnumSpec<V>, 'default'> & { readonly default?: D },
): EnumSpec<V> & (D extends string ? { readonly default: V } : unknown) {
  return { type: 'enum', ...spec } as EnumSpec<V> & (D extends string ? { readonly default: V } : unknown);
}

/** A comma-separated list of items checked by `item`. */
export const list = (spec: Omit1<ListSpec, never>): ListSpec => ({ type: 'list', ...spec });

/** DynamoDB table names: 3-255 of `[A-Za-z0-9_.-]`. */
export const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** A required DynamoDB table name. */
export const tableName = (description: string): StringSpec<true> =>
  requiredString({ description, pattern: TABLE_NAME, hint: 'a DynamoDB table name' });

/** The value a spec takes when its variable is absent (`undefined`: none). */
export function defaultOf(spec: VarSpec): string | number | boolean | readonly string[] | undefined {
  if (spec.type === 'list') return [];
  return spec.type === 'string' && spec.required ? undefined : spec.default;
}
