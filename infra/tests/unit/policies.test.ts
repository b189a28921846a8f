import type { Tenant } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import {
  functionStatements,
  LAMBDA_TRUST_POLICY,
  loggingStatement,
  MAX_POOL_SCOPED_SIGN_OUT,
} from '../../src/iam-policies';
import { lambdaEnvironment, MAX_PINNED_USER_POOLS } from '../../src/lambda-environment';
import { LAMBDA_FUNCTIONS, LAMBDA_SIZING } from '../../src/lambda-functions';
import {
  APP_CLIENT_OAUTH,
  clientWriteAttributes,
  TENANT_DEFINING_ATTRIBUTES,
  triggerVersion,
} from '../../src/pool-policy';
import { MAX_POOL_SCOPED_PERMISSIONS, triggerPermissionScope } from '../../src/trigger-permissions';

const ctx = { partition: 'aws', region: 'eu-west-1', accountId: '111111111111' };
const inputs = {
  ctx,
  registryPrefix: '/cognito-tenancy/dev',
  tenantTableArn: 'arn:table',
  revocationTableArn: 'arn:revocations',
  userPoolArns: ['arn:pool-a', 'arn:pool-b'],
};

describe('function policies', () => {
  it('never grant a write (but sign-out’s cut-off), a wildcard action or a bare wildcard resource', () => {
    for (const name of LAMBDA_FUNCTIONS.filter((n) => n !== 'sign-out' && n !== 'pets')) {
      for (const s of functionStatements(name, inputs)) {
        for (const action of s.Action) expect(action).toMatch(/^(ssm:Get|dynamodb:GetItem$)/);
        for (const resource of s.Resource) expect(resource).not.toBe('*');
      }
    }
    expect(loggingStatement('arn:lg').Resource).toEqual(['arn:lg:*']);
    expect(LAMBDA_TRUST_POLICY.Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
  });

  it('keep each function inside its registry subtree', () => {
    const resources = (name: (typeof LAMBDA_FUNCTIONS)[number]) =>
      functionStatements(name, inputs).flatMap((s) => s.Resource);
    expect(resources('config-resolver')).toEqual([
      'arn:aws:ssm:eu-west-1:111111111111:parameter/cognito-tenancy/dev/hosts/*',
    ]);
    expect(resources('tenant-match')).toEqual(['arn:table']);
    expect(resources('pre-token-gen')).toEqual(['arn:table']);
  });

  it('let the authorizer read cut-offs, and only when the revocations table exists', () => {
    const revocations = functionStatements('authorizer', inputs).filter((s) => s.Sid === 'ReadRevocations');
    expect(revocations).toEqual([
      {
        Sid: 'ReadRevocations',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: ['arn:revocations'],
      },
    ]);
    const { revocationTableArn: _unused, ...withoutTable } = inputs;
    expect(functionStatements('authorizer', withoutTable).map((s) => s.Sid)).not.toContain('ReadRevocations');
  });

  it('let sign-out read TENANT# items, update cut-offs and sign out users of the environment’s pools only', () => {
    expect(functionStatements('sign-out', inputs)).toEqual([
      {
        Sid: 'ReadTenantItems',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: ['arn:table'],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TENANT#*'] } },
      },
      {
        Sid: 'WriteRevocations',
        Effect: 'Allow',
        Action: ['dynamodb:UpdateItem'],
        Resource: ['arn:revocations'],
      },
      {
        Sid: 'SignOutPoolUsers',
        Effect: 'Allow',
        Action: ['cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers'],
        Resource: ['arn:pool-a', 'arn:pool-b'],
      },
    ]);
  });

  it('name this account’s pools in the region once listing each would overflow the role policy', () => {
    const many = Array.from({ length: MAX_POOL_SCOPED_SIGN_OUT + 1 }, (_, i) => `arn:pool-${i}`);
    const listed = functionStatements('sign-out', { ...inputs, userPoolArns: many.slice(1) });
    expect(listed.at(-1)?.Resource).toHaveLength(MAX_POOL_SCOPED_SIGN_OUT);
    const scoped = functionStatements('sign-out', { ...inputs, userPoolArns: many });
    expect(scoped.at(-1)?.Resource).toEqual(['arn:aws:cognito-idp:eu-west-1:111111111111:userpool/*']);
  });

  it('refuse to build sign-out without the revocations table', () => {
    const { revocationTableArn: _unused, ...withoutTable } = inputs;
    expect(() => functionStatements('sign-out', withoutTable)).toThrow(
      'sign-out needs the revocations table',
    );
  });
});

describe('function environment', () => {
  const base = {
    registryPrefix: '/cognito-tenancy/dev',
    tenantTableName: 'ct-dev-tenants',
    sharedUserPoolId: 'eu-west-1_S',
    corsAllowedOrigins: ['https://a.example.com', 'https://b.example.com'],
    userPoolIds: ['eu-west-1_S', 'eu-west-1_D'],
    unregisteredHosts: [] as readonly string[],
    revocationTableName: 'ct-dev-revocations',
    revocationTtlSeconds: 7200,
  };

  it('uses the variable names each package reads', () => {
    expect(lambdaEnvironment('config-resolver', base)).toMatchObject({
      REGISTRY_PREFIX: '/cognito-tenancy/dev',
      CORS_ALLOWED_ORIGINS: 'https://a.example.com,https://b.example.com',
    });
    expect(lambdaEnvironment('tenant-match', base)).toMatchObject({ TENANT_TABLE_NAME: 'ct-dev-tenants' });
    expect(lambdaEnvironment('pre-token-gen', base)).toMatchObject({
      TENANT_TABLE_NAME: 'ct-dev-tenants',
      SHARED_USER_POOL_ID: 'eu-west-1_S',
    });
    expect(lambdaEnvironment('authorizer', base)).toMatchObject({
      REGISTRY_PREFIX: '/cognito-tenancy/dev',
      TRUSTED_USER_POOL_IDS: 'eu-west-1_S,eu-west-1_D',
      REVOCATION_TABLE_NAME: 'ct-dev-revocations',
    });
    expect(lambdaEnvironment('sign-out', base)).toEqual({
      POWERTOOLS_SERVICE_NAME: 'sign-out',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      TENANT_TABLE_NAME: 'ct-dev-tenants',
      REVOCATION_TABLE_NAME: 'ct-dev-revocations',
      REVOCATION_TTL_SECONDS: '7200',
      CORS_ALLOWED_ORIGINS: 'https://a.example.com,https://b.example.com',
    });
  });

  it('leaves out what does not apply', () => {
    const { sharedUserPoolId: _unused, ...noShared } = base;
    expect(lambdaEnvironment('pre-token-gen', noShared)).not.toHaveProperty('SHARED_USER_POOL_ID');
    const many = Array.from({ length: MAX_PINNED_USER_POOLS + 1 }, (_, i) => `eu-west-1_P${i}`);
    expect(lambdaEnvironment('authorizer', { ...base, userPoolIds: many })).not.toHaveProperty(
      'TRUSTED_USER_POOL_IDS',
    );
    const { revocationTableName: _table, revocationTtlSeconds: _ttl, ...noApi } = base;
    expect(lambdaEnvironment('authorizer', noApi)).not.toHaveProperty('REVOCATION_TABLE_NAME');
    expect(() => lambdaEnvironment('sign-out', noApi)).toThrow('sign-out needs the revocations table');
  });

  it('keeps sign-out inside API Gateway’s 29-second integration limit', () => {
    expect(LAMBDA_SIZING['sign-out'].timeout).toBeLessThan(29);
  });

  it('keeps pre-token-gen inside Cognito’s 5-second trigger limit', () => {
    expect(LAMBDA_SIZING['pre-token-gen'].timeout).toBeLessThanOrEqual(5);
  });
});

describe('pool policy', () => {
  it('maps the feature plan to the trigger event version', () => {
    expect(triggerVersion('LITE')).toBe('V1_0');
    expect(triggerVersion('ESSENTIALS')).toBe('V2_0');
    expect(triggerVersion('PLUS')).toBe('V2_0');
  });

  it('never makes a tenant-defining attribute writable', () => {
    const tenant = {
      idp: { attributeMapping: { email: 'e', given_name: 'g', family_name: 'f', groups: 'gr' } },
    } as unknown as Tenant;
    const writable = clientWriteAttributes([tenant]);
    expect(writable).toEqual(['custom:groups', 'email', 'family_name', 'given_name']);
    for (const attribute of TENANT_DEFINING_ATTRIBUTES) expect(writable).not.toContain(attribute);
    expect(APP_CLIENT_OAUTH.allowedOauthFlows).toEqual(['code']);
  });

  it('scopes the trigger permission per pool until the function policy would overflow', () => {
    expect(triggerPermissionScope(MAX_POOL_SCOPED_PERMISSIONS)).toBe('per-pool');
    expect(triggerPermissionScope(MAX_POOL_SCOPED_PERMISSIONS + 1)).toBe('account');
  });
});
