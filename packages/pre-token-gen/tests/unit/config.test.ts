import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('applies documented defaults when only the table name is set', () => {
    expect(loadConfig({ TENANT_TABLE_NAME: 'tenants' })).toEqual({
      tenantTableName: 'tenants',
      sharedUserPoolId: undefined,
      emailDomainCheck: 'enforce',
      allowTokensWithoutTenant: false,
      maxGroups: 50,
      maxGroupsBytes: 2048,
      cacheTtlMs: 300_000,
      negativeCacheTtlMs: 30_000,
      staleIfErrorMs: 3_600_000,
      cacheMaxEntries: 1000,
      dynamodbTimeoutMs: 1000,
      cognitoLocalCompat: false,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      TENANT_TABLE_NAME: 'ct-dev-tenants',
      SHARED_USER_POOL_ID: 'eu-west-1_AbC123',
      EMAIL_DOMAIN_CHECK: 'flag',
      ALLOW_TOKENS_WITHOUT_TENANT: 'true',
      MAX_GROUPS: '10',
      MAX_GROUPS_BYTES: '512',
      CACHE_TTL_SECONDS: '60',
      NEGATIVE_CACHE_TTL_SECONDS: '5',
      STALE_IF_ERROR_SECONDS: '0',
      CACHE_MAX_ENTRIES: '20',
      DYNAMODB_TIMEOUT_MS: '300',
      COGNITO_LOCAL_COMPAT: 'true',
    });
    expect(config).toEqual({
      tenantTableName: 'ct-dev-tenants',
      sharedUserPoolId: 'eu-west-1_AbC123',
      emailDomainCheck: 'flag',
      allowTokensWithoutTenant: true,
      maxGroups: 10,
      maxGroupsBytes: 512,
      cacheTtlMs: 60_000,
      negativeCacheTtlMs: 5000,
      staleIfErrorMs: 0,
      cacheMaxEntries: 20,
      dynamodbTimeoutMs: 300,
      cognitoLocalCompat: true,
    });
  });

  it('treats blank values as unset', () => {
    expect(
      loadConfig({ TENANT_TABLE_NAME: 't1x', SHARED_USER_POOL_ID: '  ', MAX_GROUPS: '' }).maxGroups,
    ).toBe(50);
  });

  it('reports every problem at once, naming the variables', () => {
    let error: unknown;
    try {
      loadConfig({
        SHARED_USER_POOL_ID: 'not a pool',
        EMAIL_DOMAIN_CHECK: 'warn',
        ALLOW_TOKENS_WITHOUT_TENANT: 'yes',
        MAX_GROUPS: '-1',
        DYNAMODB_TIMEOUT_MS: '5000',
        CACHE_TTL_SECONDS: '1.5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'TENANT_TABLE_NAME is required (a DynamoDB table name)',
      'SHARED_USER_POOL_ID must be a user pool id (<region>_<id>)',
      'EMAIL_DOMAIN_CHECK must be one of enforce, flag',
      'ALLOW_TOKENS_WITHOUT_TENANT must be true or false',
      'MAX_GROUPS must be an integer from 0 to 200',
      'CACHE_TTL_SECONDS must be an integer from 0 to 3600',
      'DYNAMODB_TIMEOUT_MS must be an integer from 50 to 1500',
    ]);
    expect((error as Error).message).toMatch(
      /^pre-token-gen configuration: TENANT_TABLE_NAME is required \(a DynamoDB table name\); /,
    );
  });

  it('refuses the cognito-local switch inside AWS Lambda', () => {
    const env = { TENANT_TABLE_NAME: 'tenants', COGNITO_LOCAL_COMPAT: 'true' };
    expect(() => loadConfig({ ...env, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' })).toThrow(
      'COGNITO_LOCAL_COMPAT is local only and refused in AWS Lambda',
    );
    expect(loadConfig({ ...env, AWS_EXECUTION_ENV: 'cognito-tenancy-local-stack' }).cognitoLocalCompat).toBe(
      true,
    );
    expect(
      loadConfig({ ...env, COGNITO_LOCAL_COMPAT: 'false', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' }),
    ).toMatchObject({
      cognitoLocalCompat: false,
    });
  });

  it('refuses a table name that is not a DynamoDB table name', () => {
    expect(() => loadConfig({ TENANT_TABLE_NAME: 'arn:aws:dynamodb:eu-west-1:1:table/t' })).toThrow(
      'TENANT_TABLE_NAME must be a DynamoDB table name',
    );
  });
});
