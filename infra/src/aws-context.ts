/**
 * Account, region and partition of a stack, and the ARNs built from them. Building ARNs
 * from names (instead of resource attributes) keeps policies exact and breaks the
 * trigger <-> pool dependency cycle (the trigger needs the shared pool's id).
 */

export interface AwsContext {
  readonly partition: string;
  readonly region: string;
  /** Literal account id, or a reference to the caller identity when the file sets none. */
  readonly accountId: string;
}

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** ARN of an SSM parameter or path (`path` starts with `/`). */
export function ssmParameterArn(ctx: AwsContext, path: string): string {
  return `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter${path}`;
}

/** ARN of a Lambda function by name. */
export function lambdaFunctionArn(ctx: AwsContext, functionName: string): string {
  return `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${functionName}`;
}

/** ARN pattern matching every user pool of the account in the region. */
export function userPoolsArnPattern(ctx: AwsContext): string {
  return `arn:${ctx.partition}:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/*`;
}

/** The Cognito token issuer of a pool. */
export function cognitoIssuerUrl(ctx: AwsContext, userPoolId: string): string {
  const suffix = ctx.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://cognito-idp.${ctx.region}.${suffix}/${userPoolId}`;
}

/** Hosted UI domain of a Cognito domain prefix. */
export function hostedUiDomain(ctx: AwsContext, domainPrefix: string): string {
  return `${domainPrefix}.auth.${ctx.region}.amazoncognito.com`;
}
