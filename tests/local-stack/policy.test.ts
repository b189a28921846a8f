import {
  evaluatePolicy,
  InvalidPolicyError,
  resourceMatches,
} from '@cognito-tenancy/local-stack/gateway/policy';
import { describe, expect, it } from '@jest/globals';

const ARN = 'arn:aws:execute-api:local:000000000000:localapi/local/GET/items';
const policy = (Effect: string, Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({
  Version: '2012-10-17',
  Statement: [{ Effect, Action, Resource }],
});

describe('evaluatePolicy', () => {
  it('allows a method ARN covered by an Allow statement', () => {
    expect(evaluatePolicy(policy('Allow', ARN), ARN)).toBe('allow');
    expect(
      evaluatePolicy(policy('Allow', 'arn:aws:execute-api:local:000000000000:localapi/local/*'), ARN),
    ).toBe('allow');
  });

  it('denies implicitly when the Allow names another method or path', () => {
    const other = 'arn:aws:execute-api:local:000000000000:localapi/local/POST/items';
    expect(evaluatePolicy(policy('Allow', other), ARN)).toBe('implicit-deny');
  });

  it('lets an explicit Deny win over an Allow', () => {
    const document = {
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
        { Effect: 'Deny', Action: ['execute-api:*'], Resource: [ARN] },
      ],
    };
    expect(evaluatePolicy(document, ARN)).toBe('explicit-deny');
  });

  it('ignores statements for other actions', () => {
    expect(evaluatePolicy(policy('Allow', '*', 's3:GetObject'), ARN)).toBe('implicit-deny');
    expect(evaluatePolicy(policy('Allow', '*', 'EXECUTE-API:invoke'), ARN)).toBe('allow');
  });

  it('never lets a wildcard cross the colon-separated parts of an ARN', () => {
    expect(resourceMatches('arn:aws:execute-api:*', ARN)).toBe(false);
    expect(resourceMatches('arn:aws:execute-api:*:*:*', ARN)).toBe(true);
    expect(resourceMatches('arn:aws:execute-api:local:000000000000:otherapi/*', ARN)).toBe(false);
    expect(resourceMatches('arn:aws:execute-api:local:00000000000?:localapi/local/GET/item?', ARN)).toBe(
      true,
    );
  });

  it('rejects malformed documents instead of guessing', () => {
    for (const document of [
      null,
      {},
      { Statement: [] },
      { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] },
      { Statement: [{ Effect: 'Allow', Action: 7, Resource: '*' }] },
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: [] }] },
      { Statement: ['Allow'] },
    ]) {
      expect(() => evaluatePolicy(document, ARN)).toThrow(InvalidPolicyError);
    }
  });

  it('accepts a single statement object', () => {
    expect(evaluatePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, ARN)).toBe('allow');
  });
});
