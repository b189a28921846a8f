/**
 * The few Terraform references the twin resolves: `${<type>.<name>.<attribute>}` and
 * `${data.<type>.<name>.<attribute>}` inside strings of cdk.tf.json. Any other expression
 * (functions, conditionals, indexes) is refused: the twin never guesses a value AWS would
 * compute differently.
 */

/** The synthesized stack holds something the twin does not model (refused at start). */
export class TwinRefusalError extends Error {
  override readonly name = 'TwinRefusalError';
  constructor(
    /** Terraform address, e.g. `aws_api_gateway_integration.api_integration-ANY__proxy___8DDC22C4`. */
    readonly address: string,
    reason: string,
  ) {
    super(`${address}: ${reason}`);
  }
}

export interface TerraformRef {
  /** `aws_lambda_function.fn-authorizer_function_6EA815FA` or `data.aws_caller_identity.caller`. */
  readonly address: string;
  readonly attribute: string;
}

const INTERPOLATION = /\$\{([^}]*)\}/g;
const SIMPLE_REF = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/;

/** Replaces every `${...}` in `text` by `lookup(ref)`; `owner` names the resource for refusals. */
export function resolveRefs(
  text: string,
  owner: string,
  lookup: (ref: TerraformRef) => string | undefined,
): string {
  return text.replace(INTERPOLATION, (whole, expression: string) => {
    const ref = SIMPLE_REF.exec(expression.trim());
    if (ref === null)
      throw new TwinRefusalError(owner, `Terraform expression ${whole} is not modelled by the local twin`);
    const value = lookup({ address: ref[1] as string, attribute: ref[2] as string });
    if (value === undefined) {
      throw new TwinRefusalError(owner, `reference ${whole} is not resolved by the local twin`);
    }
    return value;
  });
}

/** Resolves every string inside a JSON value (objects, arrays). */
export function resolveDeep(
  value: unknown,
  owner: string,
  lookup: (ref: TerraformRef) => string | undefined,
): unknown {
  if (typeof value === 'string') return resolveRefs(value, owner, lookup);
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, owner, lookup));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, owner, lookup)]));
  }
  return value;
}
