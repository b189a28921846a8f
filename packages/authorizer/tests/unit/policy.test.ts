import { describe, expect, it } from '@jest/globals';
import { InvalidEventError } from '../../src/errors';
import {
  allowPolicy,
  denyPolicy,
  stageResource,
  tenantContext,
  type VerifiedIdentity,
} from '../../src/policy';

const identity: VerifiedIdentity = {
  tenantId: 'acme',
  userPoolId: 'eu-west-1_P',
  pattern: 'dedicated',
  sub: 's-1',
  username: 'alice',
  groups: ['CN=Admins,OU=X', 'a"b'],
  tokenUse: 'access',
  clientId: 'c1',
  exp: 2,
  iat: 1,
};

describe('stageResource', () => {
  it.each([
    [
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/orders/42',
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*',
    ],
    [
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/POST/',
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*',
    ],
    [
      'arn:aws-cn:execute-api:cn-north-1:123456789012:abc/v1/ANY/x',
      'arn:aws-cn:execute-api:cn-north-1:123456789012:abc/v1/*',
    ],
    [
      'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1/s_2/*/x',
      'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1/s_2/*',
    ],
  ])('scopes %s to its stage', (arn, stage) => {
    expect(stageResource(arn)).toBe(stage);
  });

  it.each([
    '',
    'not-an-arn',
    'arn:aws:execute-api:eu-west-1:123456789012:abc123',
    'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod',
    'arn:aws:execute-api:eu-west-1:123456789012:*/prod/GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/*/GET/x',
    'arn:aws:execute-api:eu-west-1:12345:abc/prod/GET/x',
    'arn:aws:lambda:eu-west-1:123456789012:abc/prod/GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/x y',
  ])('refuses %p', (arn) => {
    expect(() => stageResource(arn)).toThrow(InvalidEventError);
  });
});

describe('policies', () => {
  it('puts groups in the context as a JSON array string', () => {
    expect(JSON.parse(tenantContext(identity).groups)).toEqual(['CN=Admins,OU=X', 'a"b']);
  });

  it('builds a Deny for the whole stage', () => {
    expect(denyPolicy('s-1', 'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/x')).toEqual({
      principalId: 's-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Deny',
            Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/*',
          },
        ],
      },
    });
  });

  it('uses a context built earlier, copied so the answer cannot change it', () => {
    const context = tenantContext(identity);
    const result = allowPolicy(
      identity,
      'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/x',
      'stage',
      context,
    );

    expect(result.context).toEqual(context);
    expect(result.context).not.toBe(context);
  });

  it('validates the methodArn even when scoping to the method', () => {
    expect(() => allowPolicy(identity, 'arn:bad', 'method')).toThrow(InvalidEventError);
  });
});
