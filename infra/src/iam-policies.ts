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
  /** The pets table (the sample service); absent when the environment names a serviceUrl. */
  readonly petsTableArn?: string;
}

/** Every pets partition key (`TENANT#<id>`): the tenant id leads every key. */
export const PETS_LEADING_KEY = 'TENANT#*';

/** Restricts DynamoDB reads to items whose partition key matches one of `patterns`. */
function leadingKeys(patterns: readonly string[]): PolicyStatement['Condition'] {
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } };
}

/** One `Allow` statement; with `patterns`, on the DynamoDB items whose partition key matches one. */
function allow(
  Sid: string,
  Action: readonly string[],
  Resource: readonly string[],
  patterns?: readonly string[],
): PolicyStatement {
  const statement: PolicyStatement = { Sid, Effect: 'Allow', Action, Resource };
  return patterns === undefined ? statement : { ...statement, Condition: leadingKeys(patterns) };
}

/** `GetItem` on one table, on the items whose partition key matches `patterns` when given. */
const getItemStatement = (Sid: string, tableArn: string, patterns?: readonly string[]): PolicyStatement =>
  allow(Sid, ['dynamodb:GetItem'], [tableArn], patterns);

/** The data-plane statements of function `name` (logging is added by the function construct). */
export function functionStatements(name: LambdaName, inputs: PolicyInputs): PolicyStatement[] {
  const prefix = inputs.registryPrefix;
  const param = (path: string) => ssmParameterArn(inputs.ctx, path);
  switch (name) {
    case 'config-resolver':
      return [
        allow('ReadHostRecords', ['ssm:GetParameter'], [param(keyTemplates.hostParameter(prefix, '*'))]),
      ];
    case 'tenant-match':
      return [getItemStatement('ReadDomainItems', inputs.tenantTableArn, [keyTemplates.domainItem('*')])];
    case 'authorizer':
      return [
        ...authorizerRegistryStatements(prefix, param),
        ...(inputs.revocationTableArn === undefined
          ? []
          : [getItemStatement('ReadRevocations', inputs.revocationTableArn)]),
      ];
    case 'pre-token-gen':
      return [
        // DOMAIN#: an address in an opted-in subdomain is checked with tenant-match's rule.
        getItemStatement('ReadTenantClaimsItems', inputs.tenantTableArn, [
          keyTemplates.providerItem('*', '*'),
          keyTemplates.poolItem('*'),
          keyTemplates.domainItem('*'),
        ]),
      ];
    case 'sign-out':
      return signOutStatements(inputs);
    case 'pets':
      return petsStatements(inputs);
  }
}

function authorizerRegistryStatements(prefix: string, param: (path: string) => string): PolicyStatement[] {
  return [
    allow(
      'ReadRegistryRecords',
      ['ssm:GetParameter'],
      [param(keyTemplates.hostParameter(prefix, '*')), param(keyTemplates.issuerParameter(prefix, '*'))],
    ),
    // Issuer records in batches (cold start, first misses) and the issuer index that
    // tells registered pools from unknown ones (authorizer README, "Issuer lookups").
    allow(
      'HydrateTrustedIssuers',
      ['ssm:GetParameters'],
      [
        param(keyTemplates.issuerParameter(prefix, '*')),
        param(keyTemplates.issuerIndexParameter(prefix, '*')),
        param(keyTemplates.hostParameter(prefix, '*')),
      ],
    ),
    // The tenant of a shared pool's IdP and, for a tenant's own app client, the client's
    // binding to it: read together in one call (authorizer README, "Records it reads").
    allow(
      'ReadTenantBindings',
      ['ssm:GetParameters'],
      [
        param(keyTemplates.providerParameter(prefix, '*', '*')),
        param(keyTemplates.clientParameter(prefix, '*', '*')),
      ],
    ),
  ];
}

/** The tenant records (`TENANT#<id>`: admin group, pools) that sign-out and pets read. */
const readTenantItems = (tenantTableArn: string): PolicyStatement =>
  getItemStatement('ReadTenantItems', tenantTableArn, [keyTemplates.tenantItem('*')]);

/**
 * Sign-out: its tenant records, writing cut-offs, and the two Cognito calls on this account's
 * pools in the region. Not a list of pool ARNs: that list would change the platform's role
 * policy whenever a tenant is added (issue #21), and it outgrows an inline policy's 10,240
 * characters at about 130 pools. Which pool a call may touch is sign-out's own rule: the
 * caller's tenant item names its pools (`TENANT#<id>`), never the request.
 */
function signOutStatements(inputs: PolicyInputs): PolicyStatement[] {
  if (inputs.revocationTableArn === undefined) throw new Error('sign-out needs the revocations table');
  return [
    readTenantItems(inputs.tenantTableArn),
    // Conditional update only: no reads, deletes or scans of other users' cut-offs.
    allow('WriteRevocations', ['dynamodb:UpdateItem'], [inputs.revocationTableArn]),
    allow(
      'SignOutPoolUsers',
      ['cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers'],
      [userPoolsArnPattern(inputs.ctx)],
    ),
  ];
}

/**
 * The sample service: its tenant's admin group from the tenant item, and pets items only
 * (every pets key starts with `TENANT#`; the function itself puts the caller's tenant there).
 */
function petsStatements(inputs: PolicyInputs): PolicyStatement[] {
  if (inputs.petsTableArn === undefined) throw new Error('pets needs its table');
  return [
    readTenantItems(inputs.tenantTableArn),
    // No Scan, DeleteItem or UpdateItem: list (Query), read, create only.
    allow(
      'ReadWritePets',
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      [inputs.petsTableArn],
      [PETS_LEADING_KEY],
    ),
  ];
}

/** The statement letting a function write to its own log group only. */
export function loggingStatement(logGroupArn: string): PolicyStatement {
  return allow('WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`${logGroupArn}:*`]);
}

/** Trust policy letting only the Lambda service assume a function role. */
export const LAMBDA_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
} as const;
