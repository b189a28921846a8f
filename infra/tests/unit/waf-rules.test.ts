import { ROUTES } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { publicPathRegex, publicRateLimitRules } from '../../src/waf-rules';

// biome-ignore lint/suspicious/noExplicitAny: WAF rules JSON is untyped.
type Rule = Record<string, any>;

const [rule] = JSON.parse(publicRateLimitRules(500, 'ct-dev')) as Rule[];
const scopeDown = rule!.Statement.RateBasedStatement.ScopeDownStatement.RegexMatchStatement;

/** What WAF compares: the URI path after the rule's text transformations, in their order. */
function counted(path: string): boolean {
  let value = path;
  for (const { Type } of [...scopeDown.TextTransformations].sort(
    (a: Rule, b: Rule) => a.Priority - b.Priority,
  )) {
    if (Type === 'URL_DECODE')
      value = value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    else if (Type === 'LOWERCASE') value = value.toLowerCase();
    else throw new Error(`transformation ${Type} not modelled by this test`);
  }
  return new RegExp(scopeDown.RegexString).test(value);
}

describe('the public-route rate rule', () => {
  it('blocks per source IP over the limit', () => {
    expect(rule!.Statement.RateBasedStatement).toMatchObject({ Limit: 500, AggregateKeyType: 'IP' });
    expect(rule!.Action).toEqual({ Block: {} });
    expect(scopeDown.FieldToMatch).toEqual({ UriPath: {} });
    expect(publicPathRegex().length).toBeLessThanOrEqual(512); // WAF's RegexString limit
  });

  it('counts every public route, on the execute-api host (stage prefix), a custom domain and CloudFront', () => {
    const publicRoutes = ROUTES.filter((route) => route.auth === 'public');
    expect(publicRoutes.map((route) => route.path).sort()).toEqual(['/config', '/tenant-match']);
    for (const { path } of publicRoutes) {
      expect(counted(`/dev${path}`)).toBe(true);
      expect(counted(path)).toBe(true);
    }
  });

  it.each([
    ['a trailing slash', '/dev/config/'],
    ['repeated slashes', '/dev//tenant-match'],
    ['upper case', '/dev/CONFIG'],
    ['percent-encoding', '/dev/confi%67'],
    ['encoded upper case', '/tenant%2DMATCH'],
  ])('cannot be dodged with %s', (_, path) => {
    expect(counted(path)).toBe(true);
  });

  it.each([
    ['the service proxy', '/dev/pets'],
    ['a nested path ending like a public one', '/dev/pets/config'],
    ['a longer name', '/dev/configuration'],
    ['sign-out', '/dev/admin/users/1/sign-out'],
  ])('leaves %s to the stage limits', (_, path) => {
    expect(counted(path)).toBe(false);
  });
});
