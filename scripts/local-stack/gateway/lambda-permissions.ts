/**
 * Lambda's resource policy as API Gateway meets it: an invoke is allowed when one
 * `aws_lambda_permission` of the function (principal apigateway.amazonaws.com) has no
 * `source_arn` or one that matches the call's source ARN under IAM `ArnLike`. Routes call
 * with `<execution ARN>/<stage>/<METHOD>/<request path>` (the path as requested, so a
 * literal `{sub}` in a permission matches no real call), the authorizer with
 * `<execution ARN>/authorizers/<id>`. A refused invoke is API Gateway's 500.
 */
import { arnLike } from '@cognito-tenancy/registry/arn-like';
import type { TwinPermission } from './twin-stack';

export type InvokeCheck = (functionName: string, sourceArn: string) => boolean;

/** Allows what the permissions allow; `undefined` permissions (no stack) allow everything. */
export function lambdaPermissionCheck(permissions: readonly TwinPermission[] | undefined): InvokeCheck {
  if (permissions === undefined) return () => true;
  return (functionName, sourceArn) =>
    permissions.some(
      (p) =>
        p.functionName === functionName && (p.sourceArn === undefined || arnLike(p.sourceArn, sourceArn)),
    );
}
