/**
 * The account-wide setting API Gateway needs before a stage can write access logs: a role
 * it may assume to push to CloudWatch Logs. One per account and region, so only one stack
 * should own it (`api.manageAccountLoggingRole`).
 */
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type { Construct } from 'constructs';
import type { AwsContext } from '../aws-context';

export function apiGatewayAccountLogging(
  scope: Construct,
  ctx: AwsContext,
  roleName: string,
): ApiGatewayAccount {
  const role = new IamRole(scope, 'apigw-logging-role', {
    name: roleName,
    description: 'Lets API Gateway write access logs to CloudWatch Logs (account setting)',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    }),
  });
  const attachment = new IamRolePolicyAttachment(scope, 'apigw-logging-policy', {
    role: role.name,
    policyArn: `arn:${ctx.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
  });
  return new ApiGatewayAccount(scope, 'apigw-account', {
    cloudwatchRoleArn: role.arn,
    dependsOn: [attachment],
  });
}
