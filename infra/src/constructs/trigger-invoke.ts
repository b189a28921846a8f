/** Lets Cognito invoke pre-token-gen: per pool while the resource policy has room (see trigger-permissions.ts). */
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { Construct } from 'constructs';
import { type AwsContext, userPoolsArnPattern } from '../aws-context';
import { triggerPermissionScope } from '../trigger-permissions';
import type { TenancyUserPool } from './tenancy-user-pool';
import type { ZipFunction } from './zip-function';

export interface TriggerTarget {
  /** Stable, reference-free id (`shared-pool`, `tenant-<id>`). */
  readonly id: string;
  readonly pool: TenancyUserPool;
}

export function allowTriggerInvoke(
  scope: Construct,
  ctx: AwsContext,
  trigger: ZipFunction,
  targets: readonly TriggerTarget[],
): void {
  const base = {
    action: 'lambda:InvokeFunction',
    functionName: trigger.function.functionName,
    principal: 'cognito-idp.amazonaws.com',
  };
  if (triggerPermissionScope(targets.length) === 'account') {
    new LambdaPermission(scope, 'trigger-invoke-account-pools', {
      ...base,
      statementId: 'AllowCognitoPoolsOfThisAccount',
      sourceArn: userPoolsArnPattern(ctx),
      sourceAccount: ctx.accountId,
    });
    return;
  }
  for (const { id, pool } of targets) {
    new LambdaPermission(scope, `trigger-invoke-${id}`, {
      ...base,
      statementId: `AllowCognito-${id}`,
      sourceArn: pool.pool.arn,
    });
  }
}
