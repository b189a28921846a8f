/** Lets Cognito invoke pre-token-gen: one grant for the account's pools (see trigger-permissions.ts). */
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { Construct } from 'constructs';
import type { AwsContext } from '../aws-context';
import { triggerPermission } from '../trigger-permissions';
import type { ZipFunction } from './zip-function';

/** The trigger's one invoke permission; adding a pool (a tenant) does not change it. */
export function allowTriggerInvoke(
  scope: Construct,
  ctx: AwsContext,
  trigger: ZipFunction,
): LambdaPermission {
  const permission = triggerPermission(ctx);
  return new LambdaPermission(scope, 'trigger-invoke-account-pools', {
    action: 'lambda:InvokeFunction',
    functionName: trigger.function.functionName,
    principal: permission.principal,
    statementId: permission.statementId,
    sourceArn: permission.sourceArn,
    sourceAccount: permission.sourceAccount,
  });
}
