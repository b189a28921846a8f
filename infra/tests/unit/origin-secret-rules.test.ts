import { describe, expect, it } from '@jest/globals';
import { ORIGIN_SECRET_HEADER } from '../../src/origin-secret';
import { originSecretRule } from '../../src/origin-secret-rules';

// biome-ignore lint/suspicious/noExplicitAny: WAF rule JSON is untyped; the test walks it.
type Json = any;

/** Evaluates the rule's statement on a request's headers, as WAF would (EXACTLY, no transformation). */
function blocks(rule: Json, headers: Record<string, string | undefined>): boolean {
  const matches = (statement: Json): boolean => {
    if (statement.NotStatement) return !matches(statement.NotStatement.Statement);
    if (statement.OrStatement) return statement.OrStatement.Statements.some(matches);
    const byte = statement.ByteMatchStatement;
    expect(byte.PositionalConstraint).toBe('EXACTLY');
    return headers[byte.FieldToMatch.SingleHeader.Name] === byte.SearchString;
  };
  return matches(rule.Statement) && 'Block' in rule.Action;
}

describe('originSecretRule', () => {
  const rule: Json = originSecretRule(['current-secret', 'next-secret'], 'ct-dev-api-public', 0);

  it('lets through calls carrying either secret (rotation without downtime)', () => {
    expect(blocks(rule, { [ORIGIN_SECRET_HEADER]: 'current-secret' })).toBe(false);
    expect(blocks(rule, { [ORIGIN_SECRET_HEADER]: 'next-secret' })).toBe(false);
  });

  it.each([
    ['no secret', {}],
    ['a wrong secret', { [ORIGIN_SECRET_HEADER]: 'guess' }],
    ['a secret prefix', { [ORIGIN_SECRET_HEADER]: 'current' }],
    ['a secret with extra text', { [ORIGIN_SECRET_HEADER]: 'current-secret ' }],
    ['the secret in another header', { 'x-origin-verify-2': 'current-secret' }],
  ])('blocks a call with %s', (_, headers) => {
    expect(blocks(rule, headers)).toBe(true);
  });

  it('refuses to build a rule that accepts nothing', () => {
    expect(() => originSecretRule([], 'x', 0)).toThrow(/at least one/);
  });
});
