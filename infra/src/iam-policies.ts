/**
 * Least-privilege policies of the functions: exactly the actions each one calls, on the
 * registry paths and table keys it reads (built from the shared key templates), never `*`.
 */
import { keyTemplates } from '@cognito-tenancy/registry/keys';
import { type AwsContext, ssmParameterArn } from './aws-context';
import type { LambdaName } from './lambda-functions';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyInputs {
  readonly ctx: AwsContext;
  readonly registryPrefix: string;
  readonly tenantTableArn: string;
}

/** Restricts DynamoDB reads to items whose partition key matches one of `patterns`. */
function leadingKeys(patterns: readonly string[]): PolicyStatement['Condition'] {
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } };
}

/** The data-plane statements of function `name` (logging is added by the function construct). */
export function functionStatements(name: LambdaName, inputs: PolicyInputs): PolicyStatement[] {
  const prefix = inputs.registryPrefix;
  const param = (path: string) => ssmParameterArn(inputs.ctx, path);
  switch (name) {
    case 'config-resolver':
      return [
        {
          Sid: 'ReadHostRecords',
          Effect: 'Allow',
          Action: ['ssm:GetParameter'],
          Resource: [param(keyTemplates.hostParameter(prefix, '*'))],
        },
      ];
    case 'tenant-match':
      return [
        {
          Sid: 'ReadDomainItems',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: [inputs.tenantTableArn],
          Condition: leadingKeys([keyTemplates.domainItem('*')]),
        },
      ];
    case 'authorizer':
      return [
        {
          Sid: 'ReadRegistryRecords',
          Effect: 'Allow',
          Action: ['ssm:GetParameter'],
          Resource: [
            param(keyTemplates.hostParameter(prefix, '*')),
            param(keyTemplates.issuerParameter(prefix, '*')),
            param(keyTemplates.providerParameter(prefix, '*', '*')),
          ],
        },
        {
          // Cold-start hydration: the issuer records of the pinned pools, in batches.
          Sid: 'HydrateTrustedIssuers',
          Effect: 'Allow',
          Action: ['ssm:GetParameters'],
          Resource: [param(keyTemplates.issuerParameter(prefix, '*'))],
        },
      ];
    case 'pre-token-gen':
      return [
        {
          Sid: 'ReadTenantClaimsItems',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: [inputs.tenantTableArn],
          Condition: leadingKeys([keyTemplates.providerItem('*', '*'), keyTemplates.poolItem('*')]),
        },
      ];
  }
}

/** The statement letting a function write to its own log group only. */
export function loggingStatement(logGroupArn: string): PolicyStatement {
  return {
    Sid: 'WriteOwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: [`${logGroupArn}:*`],
  };
}

/** Trust policy letting only the Lambda service assume a function role. */
export const LAMBDA_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
} as const;
