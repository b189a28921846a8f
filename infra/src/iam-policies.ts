/**
 * Least-privilege policies of the functions: exactly the actions each one calls, on the
 * registry paths and table keys it reads (built from the shared key templates), never `*`.
 */
import { keyTemplates } from '@cognito-tenancy/registry/keys';
import { type AwsContext, ssmParameterArn, userPoolsArnPattern } from './aws-context';
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
  /** The revocations table (forced sign-out); absent without an API. */
  readonly revocationTableArn?: string;
  /** ARNs of every user pool of the environment (forced sign-out acts on these only). */
  readonly userPoolArns: readonly string[];
  /** The pets table (the sample service); absent when the environment names a serviceUrl. */
  readonly petsTableArn?: string;
}

/**
 * Pools above which sign-out's Cognito statement names this account's pools in the region
 * (`userpool/*`) instead of each pool: an inline role policy holds 10,240 characters and a
 * pool ARN takes about 75 of them.
 */
export const MAX_POOL_SCOPED_SIGN_OUT = 40;

/** Every pets partition key (`TENANT#<id>`): the tenant id leads every key. */
export const PETS_LEADING_KEY = 'TENANT#*';

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
        ...authorizerRegistryStatements(prefix, param),
        ...(inputs.revocationTableArn === undefined
          ? []
          : [
              {
                Sid: 'ReadRevocations',
                Effect: 'Allow' as const,
                Action: ['dynamodb:GetItem'],
                Resource: [inputs.revocationTableArn],
              },
            ]),
      ];
    case 'pre-token-gen':
      return [
        {
          Sid: 'ReadTenantClaimsItems',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: [inputs.tenantTableArn],
          // DOMAIN#: an address in an opted-in subdomain is checked with tenant-match's rule.
          Condition: leadingKeys([
            keyTemplates.providerItem('*', '*'),
            keyTemplates.poolItem('*'),
            keyTemplates.domainItem('*'),
          ]),
        },
      ];
    case 'sign-out':
      return signOutStatements(inputs);
    case 'pets':
      return petsStatements(inputs);
  }
}

function authorizerRegistryStatements(prefix: string, param: (path: string) => string): PolicyStatement[] {
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
      // Issuer records in batches (cold start, first misses) and the issuer index that
      // tells registered pools from unknown ones (authorizer README, "Issuer lookups").
      Sid: 'HydrateTrustedIssuers',
      Effect: 'Allow',
      Action: ['ssm:GetParameters'],
      Resource: [
        param(keyTemplates.issuerParameter(prefix, '*')),
        param(keyTemplates.issuerIndexParameter(prefix, '*')),
        param(keyTemplates.hostParameter(prefix, '*')),
      ],
    },
  ];
}

/** Sign-out: its tenant records, writing cut-offs, and the two Cognito calls on the environment's pools. */
function signOutStatements(inputs: PolicyInputs): PolicyStatement[] {
  if (inputs.revocationTableArn === undefined) throw new Error('sign-out needs the revocations table');
  const pools =
    inputs.userPoolArns.length <= MAX_POOL_SCOPED_SIGN_OUT
      ? [...inputs.userPoolArns]
      : [userPoolsArnPattern(inputs.ctx)];
  return [
    {
      Sid: 'ReadTenantItems',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem'],
      Resource: [inputs.tenantTableArn],
      Condition: leadingKeys([keyTemplates.tenantItem('*')]),
    },
    {
      // Conditional update only: no reads, deletes or scans of other users' cut-offs.
      Sid: 'WriteRevocations',
      Effect: 'Allow',
      Action: ['dynamodb:UpdateItem'],
      Resource: [inputs.revocationTableArn],
    },
    {
      Sid: 'SignOutPoolUsers',
      Effect: 'Allow',
      Action: ['cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers'],
      Resource: pools,
    },
  ];
}

/**
 * The sample service: its tenant's admin group from the tenant item, and pets items only
 * (every pets key starts with `TENANT#`; the function itself puts the caller's tenant there).
 */
function petsStatements(inputs: PolicyInputs): PolicyStatement[] {
  if (inputs.petsTableArn === undefined) throw new Error('pets needs its table');
  return [
    {
      Sid: 'ReadTenantItems',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem'],
      Resource: [inputs.tenantTableArn],
      Condition: leadingKeys([keyTemplates.tenantItem('*')]),
    },
    {
      // No Scan, DeleteItem or UpdateItem: list (Query), read, create only.
      Sid: 'ReadWritePets',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      Resource: [inputs.petsTableArn],
      Condition: leadingKeys([PETS_LEADING_KEY]),
    },
  ];
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
