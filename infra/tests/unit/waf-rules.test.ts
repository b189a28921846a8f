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
    ['cannot be dodged with a trailing slash', '/dev/config/', true],
    ['cannot be dodged with repeated slashes', '/dev//tenant-match', true],
    ['cannot be dodged with upper case', '/dev/CONFIG', true],
    ['cannot be dodged with percent-encoding', '/dev/confi%67', true],
    ['cannot be dodged with encoded upper case', '/tenant%2DMATCH', true],
    ['leaves the service proxy to the stage limits', '/dev/pets', false],
    ['leaves a nested path ending like a public one to the stage limits', '/dev/pets/config', false],
    ['leaves a longer name to the stage limits', '/dev/configuration', false],
    ['leaves sign-out to the stage limits', '/dev/admin/users/1/sign-out', false],
  ])('%s', (_, path, isCounted) => {
    expect(counted(path)).toBe(isCounted);
  });
});
