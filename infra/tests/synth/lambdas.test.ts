import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { artifactPath } from '../../src/artifacts';
import { corsOrigins } from '../../src/cors';
import { LAMBDA_FUNCTIONS, type LambdaName } from '../../src/lambda-functions';
import { resourceNames } from '../../src/names';
import { revocationTtlSeconds } from '../../src/revocation-ttl';
import {
  type Body,
  environmentOf,
  ref,
  resources,
  resourceWhere,
  stack,
  stackDir,
  synthRecord,
} from '../support/synthesized';

const { environments: ENVIRONMENTS, artifactsDir } = synthRecord();

interface FunctionUnderTest {
  readonly environment: string;
  readonly name: LambdaName;
  readonly key: string;
  readonly fn: Body;
  readonly policy: { Statement: Body[] };
  readonly logGroupKey: string;
}

function functionOf(environment: string, name: LambdaName): FunctionUnderTest {
  const s = stack(environment);
  const functionName = resourceNames(environment).lambda(name);
  const [key, fn] = resourceWhere(s, 'aws_lambda_function', 'function_name', functionName);
  const roleKey = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(fn.role)?.[1] ?? '';
  const policies = resources(s, 'aws_iam_role_policy').filter(
    ([, b]) => b.role === ref('aws_iam_role', roleKey, 'id'),
  );
  expect(policies).toHaveLength(1);
  const [logGroupKey] = resourceWhere(s, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${functionName}`);
  return {
    environment,
    name,
    key,
    fn,
    policy: JSON.parse(policies[0]![1].policy),
    logGroupKey,
  };
}

// pets exists only where the file names no serviceUrl (tests/synth/pets-service.test.ts).
const deployed = (environment: string): LambdaName[] =>
  LAMBDA_FUNCTIONS.filter(
    (name) => name !== 'pets' || environmentOf(environment).api?.serviceUrl === undefined,
  );

const cases = ENVIRONMENTS.flatMap((environment) =>
  deployed(environment).map((name) => [`${environment}/${name}`, functionOf(environment, name)] as const),
);

describe.each(cases)('function %s', (_label, f) => {
  it('runs nodejs22.x on arm64 from the built zip, never bundled at synth', () => {
    expect(f.fn).toMatchObject({ runtime: 'nodejs22.x', architectures: ['arm64'], handler: 'index.handler' });
    const zip = readFileSync(artifactPath(artifactsDir, f.name));
    expect(f.fn.source_code_hash).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(f.fn.filename).toMatch(new RegExp(`^assets/.+/${f.name}\\.zip$`));
    expect(readFileSync(join(stackDir(f.environment), f.fn.filename))).toEqual(zip);
  });

  it('has its own role, and no statement with a wildcard action or an unscoped resource', () => {
    for (const statement of f.policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of statement.Action) expect(action).not.toMatch(/\*/);
      for (const resource of statement.Resource) {
        expect(resource).not.toBe('*');
        expect(resource).not.toMatch(/^arn:aws:[a-z-]+:[^:]*:[^:]*:\*$/);
      }
    }
    const roles = cases
      .filter(([, other]) => other.environment === f.environment)
      .map(([, other]) => other.fn.role);
    expect(new Set(roles).size).toBe(deployed(f.environment).length);
  });

  it('writes only to its own log group, which has the file’s retention', () => {
    const logs = f.policy.Statement.filter((s) => s.Action.some((a: string) => a.startsWith('logs:')));
    expect(logs).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${ref('aws_cloudwatch_log_group', f.logGroupKey, 'arn')}:*`],
      },
    ]);
    const [, group] = resourceWhere(
      stack(f.environment),
      'aws_cloudwatch_log_group',
      'name',
      `/aws/lambda/${f.fn.function_name}`,
    );
    expect(group.retention_in_days).toBe(environmentOf(f.environment).logRetentionDays);
    expect(f.fn.logging_config.log_group).toBe(ref('aws_cloudwatch_log_group', f.logGroupKey, 'name'));
  });
});

const TABLE_ARN = /^\$\{aws_dynamodb_table\.[^.]+\.arn\}$/;

/** The `${aws_dynamodb_table.<key>.<attr>}` reference of the table named `name`. */
function tableRef(environment: string, name: string, attr: 'arn' | 'name'): string {
  const [key] = resourceWhere(stack(environment), 'aws_dynamodb_table', 'name', name);
  return ref('aws_dynamodb_table', key, attr);
}

describe.each(ENVIRONMENTS)('least privilege in %s', (environment) => {
  const env = environmentOf(environment);
  const callers = Object.keys(stack(environment).data?.aws_caller_identity ?? {});
  // Without an account id in the file, ARNs use the caller identity (one data source).
  const account = env.accountId ?? `\${data.aws_caller_identity.${callers[0]}.account_id}`;
  const ssm = (path: string) => `arn:aws:ssm:${env.region}:${account}:parameter${env.registryPrefix}${path}`;
  const data = (name: LambdaName) =>
    functionOf(environment, name).policy.Statement.filter((s) => s.Sid !== 'WriteOwnLogs');

  it('config-resolver reads host records only', () => {
    expect(data('config-resolver')).toEqual([
      { Sid: 'ReadHostRecords', Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [ssm('/hosts/*')] },
    ]);
  });

  it('tenant-match reads DOMAIN# items of the tenant table only', () => {
    const [statement, ...rest] = data('tenant-match');
    expect(rest).toEqual([]);
    expect(statement!.Action).toEqual(['dynamodb:GetItem']);
    expect(statement!.Resource).toEqual([expect.stringMatching(TABLE_ARN)]);
    expect(statement!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DOMAIN#*'] },
    });
  });

  it('pre-token-gen reads IDP#, POOL# and DOMAIN# items only', () => {
    const [statement, ...rest] = data('pre-token-gen');
    expect(rest).toEqual([]);
    expect(statement!.Action).toEqual(['dynamodb:GetItem']);
    expect(statement!.Resource).toEqual([expect.stringMatching(TABLE_ARN)]);
    expect(statement!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IDP#*#*', 'POOL#*', 'DOMAIN#*'] },
    });
  });

  it('the authorizer reads the registry paths and the revocations table only, and writes nothing', () => {
    const statements = data('authorizer');
    expect(statements).toEqual([
      {
        Sid: 'ReadRegistryRecords',
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: [ssm('/hosts/*'), ssm('/issuers/*')],
      },
      {
        Sid: 'HydrateTrustedIssuers',
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [ssm('/issuers/*'), ssm('/issuer-index/*'), ssm('/hosts/*')],
      },
      {
        Sid: 'ReadTenantBindings',
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [ssm('/providers/*/*'), ssm('/clients/*/*')],
      },
      {
        Sid: 'ReadRevocations',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: [tableRef(environment, resourceNames(environment).revocationTable, 'arn')],
      },
    ]);
  });

  it('sign-out reads TENANT# items, updates cut-offs, and signs out users of this account’s pools in the region', () => {
    expect(data('sign-out')).toEqual([
      {
        Sid: 'ReadTenantItems',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: [tableRef(environment, resourceNames(environment).tenantTable, 'arn')],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TENANT#*'] } },
      },
      {
        Sid: 'WriteRevocations',
        Effect: 'Allow',
        Action: ['dynamodb:UpdateItem'],
        Resource: [tableRef(environment, resourceNames(environment).revocationTable, 'arn')],
      },
      {
        Sid: 'SignOutPoolUsers',
        Effect: 'Allow',
        Action: ['cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers'],
        // Not each pool: a new tenant must leave the role policy alone (#21).
        Resource: [`arn:aws:cognito-idp:${env.region}:${account}:userpool/*`],
      },
    ]);
  });

  it('no other function can touch the revocations table or call Cognito', () => {
    const revocations = tableRef(environment, resourceNames(environment).revocationTable, 'arn');
    for (const name of ['config-resolver', 'tenant-match', 'pre-token-gen'] as const) {
      const statements = data(name);
      expect(statements.flatMap((s) => s.Resource)).not.toContain(revocations);
      expect(statements.flatMap((s) => s.Action).filter((a: string) => a.startsWith('cognito-idp:'))).toEqual(
        [],
      );
    }
  });

  it('gives the functions the settings they read from the stack', () => {
    const variables = (name: LambdaName) => functionOf(environment, name).fn.environment.variables;
    const origins = corsOrigins(env.api?.corsOrigins ?? []).join(',');
    expect(variables('config-resolver')).toMatchObject({
      REGISTRY_PREFIX: env.registryPrefix,
      CORS_ALLOWED_ORIGINS: origins,
    });
    expect(variables('tenant-match')).toMatchObject({ CORS_ALLOWED_ORIGINS: origins });
    expect(variables('tenant-match').TENANT_TABLE_NAME).toMatch(/^\$\{aws_dynamodb_table\.[^.]+\.name\}$/);
    expect(variables('pre-token-gen').TENANT_TABLE_NAME).toBe(variables('tenant-match').TENANT_TABLE_NAME);
    expect(variables('authorizer').REGISTRY_PREFIX).toBe(env.registryPrefix);
    const revocationTable = tableRef(environment, resourceNames(environment).revocationTable, 'name');
    expect(variables('authorizer').REVOCATION_TABLE_NAME).toBe(revocationTable);
    expect(variables('sign-out')).toEqual({
      POWERTOOLS_SERVICE_NAME: 'sign-out',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      TENANT_TABLE_NAME: variables('tenant-match').TENANT_TABLE_NAME,
      REVOCATION_TABLE_NAME: revocationTable,
      REVOCATION_TTL_SECONDS: String(revocationTtlSeconds(env)),
      CORS_ALLOWED_ORIGINS: origins,
    });
    const [sharedKey] = resourceWhere(
      stack(environment),
      'aws_cognito_user_pool',
      'name',
      resourceNames(environment).sharedPool,
    );
    expect(variables('pre-token-gen').SHARED_USER_POOL_IDS).toBe(
      ref('aws_cognito_user_pool', sharedKey, 'id'),
    );
  });
});
