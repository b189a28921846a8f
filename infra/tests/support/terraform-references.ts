/**
 * Resolves the Terraform references in a synthesized value (`${aws_x.id.attr}`) to plausible
 * deploy-time values, so a Lambda's environment can be run through its package's
 * `loadConfig` before anything is deployed. A reference this file does not know is an
 * error, never a guess that passes.
 */
import { createHash } from 'node:crypto';
import type { StackJson } from './synthesized';

/** A reference in a synthesized value could not be resolved. */
export class UnresolvedReferenceError extends Error {
  override readonly name = 'UnresolvedReferenceError';
  constructor(readonly reference: string) {
    super(`cannot resolve the Terraform reference \${${reference}}: teach terraform-references.ts its value`);
  }
}

const REFERENCE = /\$\{([^}]*)\}/g;
const SIMPLE = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/;

/** A short id derived from the reference, so two references never resolve to one value. */
const idOf = (reference: string, length: number) =>
  createHash('sha256').update(reference).digest('hex').slice(0, length);

function regionOf(stack: StackJson): string {
  const region = stack.provider.aws.find((provider) => provider.alias === undefined)?.region;
  return typeof region === 'string' ? region : 'eu-west-1';
}

function resolveOne(stack: StackJson, reference: string): string {
  const parts = SIMPLE.exec(reference);
  if (!parts) throw new UnresolvedReferenceError(reference);
  const [, type = '', id = '', attribute = ''] = parts;
  const body = stack.resource[type]?.[id];
  if (body === undefined) throw new UnresolvedReferenceError(reference);
  // A literal attribute of the resource (a table's name) is exactly what AWS will report.
  if (attribute === 'name' && typeof body.name === 'string' && !body.name.includes('${')) return body.name;
  if (type === 'aws_cognito_user_pool' && attribute === 'id') {
    return `${regionOf(stack)}_${idOf(reference, 9).replace(/^\d/, 'A')}`;
  }
  if (type === 'aws_cloudfront_distribution' && attribute === 'domain_name') {
    return `d${idOf(reference, 13)}.cloudfront.net`;
  }
  throw new UnresolvedReferenceError(reference);
}

/** `value` with every reference replaced; throws {@link UnresolvedReferenceError}. */
export function resolveReferences(stack: StackJson, value: string): string {
  return value.replace(REFERENCE, (_, reference: string) => resolveOne(stack, reference));
}
