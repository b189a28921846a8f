/**
 * Evaluation of an authorizer's IAM policy against a method ARN, as API Gateway does it:
 * an explicit Deny wins, then an Allow whose action and resource match, else an implicit
 * deny. Wildcards `*` and `?` never cross the `:`-separated parts of an ARN, as in IAM.
 */

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** The policy document is not something API Gateway would accept (a 500). */
export class InvalidPolicyError extends Error {
  override readonly name = 'InvalidPolicyError';
}

interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

/** Splits an ARN into its six parts; the last part keeps any further colons. */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** True when the IAM resource pattern covers `arn`. `*` alone covers everything. */
export function resourceMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const want = arnParts(pattern);
  const got = arnParts(arn);
  if (want === undefined || got === undefined) return false;
  return want.every((part, i) => globToRegExp(part, false).test(got[i] as string));
}

/** True when the IAM action pattern covers `execute-api:Invoke` (actions are case-insensitive). */
export function actionMatches(pattern: string): boolean {
  return globToRegExp(pattern, true).test('execute-api:Invoke');
}

function list(value: unknown, field: string): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.length === 0 || !items.every((v) => typeof v === 'string')) {
    throw new InvalidPolicyError(`policy statement ${field} must be a string or a list of strings`);
  }
  return items as string[];
}

function parseStatements(document: unknown): Statement[] {
  if (typeof document !== 'object' || document === null)
    throw new InvalidPolicyError('policyDocument missing');
  const raw = (document as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (statements.length === 0) throw new InvalidPolicyError('policyDocument has no Statement');
  return statements.map((s: unknown) => {
    if (typeof s !== 'object' || s === null) throw new InvalidPolicyError('statement is not an object');
    const fields = s as Record<string, unknown>;
    if (fields.Effect !== 'Allow' && fields.Effect !== 'Deny') {
      throw new InvalidPolicyError('statement Effect must be Allow or Deny');
    }
    return {
      effect: fields.Effect,
      actions: list(fields.Action, 'Action'),
      resources: list(fields.Resource, 'Resource'),
    };
  });
}

/** Decides whether `document` allows invoking `arn`. Throws {@link InvalidPolicyError} when malformed. */
export function evaluatePolicy(document: unknown, arn: string): PolicyDecision {
  const statements = parseStatements(document);
  const applies = (s: Statement) =>
    s.actions.some(actionMatches) && s.resources.some((pattern) => resourceMatches(pattern, arn));
  if (statements.some((s) => s.effect === 'Deny' && applies(s))) return 'explicit-deny';
  if (statements.some((s) => s.effect === 'Allow' && applies(s))) return 'allow';
  return 'implicit-deny';
}
