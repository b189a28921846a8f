import { describe, expect, it } from '@jest/globals';
import {
  cognitoIssuerUrl,
  hostedUiDomain,
  lambdaFunctionArn,
  partitionOf,
  ssmParameterArn,
  userPoolsArnPattern,
} from '../../src/aws-context';

const ctx = { partition: 'aws', region: 'eu-west-1', accountId: '111111111111' };

describe('ARNs and endpoints', () => {
  it.each([
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('picks the partition from the region: %s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it('builds exact ARNs from names', () => {
    expect(ssmParameterArn(ctx, '/cognito-tenancy/dev/hosts/*')).toBe(
      'arn:aws:ssm:eu-west-1:111111111111:parameter/cognito-tenancy/dev/hosts/*',
    );
    expect(lambdaFunctionArn(ctx, 'ct-dev-pre-token-gen')).toBe(
      'arn:aws:lambda:eu-west-1:111111111111:function:ct-dev-pre-token-gen',
    );
    expect(userPoolsArnPattern(ctx)).toBe('arn:aws:cognito-idp:eu-west-1:111111111111:userpool/*');
  });

  it('names the issuer and hosted UI domain as Cognito does', () => {
    expect(cognitoIssuerUrl(ctx, 'eu-west-1_Abc')).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc',
    );
    expect(cognitoIssuerUrl({ ...ctx, partition: 'aws-cn', region: 'cn-north-1' }, 'p')).toBe(
      'https://cognito-idp.cn-north-1.amazonaws.com.cn/p',
    );
    expect(hostedUiDomain(ctx, 'ct-dev-acme')).toBe('ct-dev-acme.auth.eu-west-1.amazoncognito.com');
  });
});
