import { arnLike } from '@cognito-tenancy/registry/arn-like';
import type { Tenant } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { functionStatements, LAMBDA_TRUST_POLICY, loggingStatement } from '../../src/iam-policies';
import { lambdaEnvironment } from '../../src/lambda-environment';
import { LAMBDA_FUNCTIONS, LAMBDA_SIZING } from '../../src/lambda-functions';
import {
  APP_CLIENT_OAUTH,
  clientWriteAttributes,
  TENANT_DEFINING_ATTRIBUTES,
  triggerVersion,
} from '../../src/pool-policy';
import { TRIGGER_STATEMENT_ID, triggerPermission } from '../../src/trigger-permissions';

const ctx = { partition: 'aws', region: 'eu-west-1', accountId: '111111111111' };
const inputs = {
  ctx,
  registryPrefix: '/cognito-tenancy/dev',
  tenantTableArn: 'arn:table',
  revocationTableArn: 'arn:revocations',
  petsTableArn: 'arn:pets',
};
/** A pool of this account and region, and the same pool id elsewhere. */
const POOL = 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbCdEf123';
const FOREIGN_POOLS = [
  'arn:aws:cognito-idp:eu-west-1:999999999999:userpool/eu-west-1_AbCdEf123',
  'arn:aws:cognito-idp:eu-central-1:111111111111:userpool/eu-central-1_AbCdEf123',
  'arn:aws-cn:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbCdEf123',
];

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

  it('let the authorizer read provider and client records together, in one GetParameters call', () => {
    const bindings = functionStatements('authorizer', inputs).filter((s) =>
      s.Resource.some((r) => r.includes('/providers/') || r.includes('/clients/')),
    );
    expect(bindings).toEqual([
      {
        Sid: 'ReadTenantBindings',
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [
          'arn:aws:ssm:eu-west-1:111111111111:parameter/cognito-tenancy/dev/providers/*/*',
          'arn:aws:ssm:eu-west-1:111111111111:parameter/cognito-tenancy/dev/clients/*/*',
        ],
      },
    ]);
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

  it('let sign-out read TENANT# items, update cut-offs and sign out users of this account’s pools in the region', () => {
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
        Resource: ['arn:aws:cognito-idp:eu-west-1:111111111111:userpool/*'],
      },
    ]);
    const [pattern = ''] = functionStatements('sign-out', inputs).at(-1)?.Resource ?? [];
    expect(arnLike(pattern, POOL)).toBe(true);
    for (const foreign of FOREIGN_POOLS) expect(arnLike(pattern, foreign)).toBe(false);
  });

  it('name no pool in any policy, so adding a tenant leaves every role policy as it was (#21)', () => {
    for (const name of LAMBDA_FUNCTIONS) {
      for (const s of functionStatements(name, inputs)) {
        for (const resource of s.Resource.filter((r) => r.includes(':cognito-idp:'))) {
          expect([name, resource]).toEqual([name, 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/*']);
        }
      }
    }
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
    sharedUserPoolIds: ['eu-west-1_S', 'eu-west-1_S01'],
    corsAllowedOrigins: ['https://a.example.com', 'https://b.example.com'],
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
      SHARED_USER_POOL_IDS: 'eu-west-1_S,eu-west-1_S01',
    });
    expect(lambdaEnvironment('authorizer', base)).toMatchObject({
      REGISTRY_PREFIX: '/cognito-tenancy/dev',
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
    const { sharedUserPoolIds: _unused, ...noShared } = base;
    expect(lambdaEnvironment('pre-token-gen', noShared)).not.toHaveProperty('SHARED_USER_POOL_IDS');
    expect(lambdaEnvironment('pre-token-gen', { ...base, sharedUserPoolIds: [] })).not.toHaveProperty(
      'SHARED_USER_POOL_IDS',
    );
    // The registry is the trust root: no pool is pinned, so a new pool leaves the function alone (#21).
    expect(lambdaEnvironment('authorizer', base)).not.toHaveProperty('TRUSTED_USER_POOL_IDS');
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

  it('lets this account’s pools in the region invoke the trigger, with one grant whatever the pools', () => {
    const permission = triggerPermission(ctx);
    expect(permission).toEqual({
      statementId: TRIGGER_STATEMENT_ID,
      principal: 'cognito-idp.amazonaws.com',
      sourceArn: 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/*',
      sourceAccount: '111111111111',
    });
    expect(arnLike(permission.sourceArn, POOL)).toBe(true);
    for (const foreign of FOREIGN_POOLS) expect(arnLike(permission.sourceArn, foreign)).toBe(false);
  });
});
