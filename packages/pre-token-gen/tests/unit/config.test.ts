import { configCases } from '@cognito-tenancy/kit/testing/config-cases';
import { describe } from '@jest/globals';
import { type Config, loadConfig } from '../../src/config';

const IN_LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };

describe('loadConfig', () => {
  configCases<Config>(
    loadConfig,
    { TENANT_TABLE_NAME: 'tenants' },
    {
      'applies documented defaults when only the table name is set': {
        env: {},
        returns: {
          tenantTableName: 'tenants',
          sharedUserPoolIds: new Set(),
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
        },
      },
      'reads every variable': {
        env: {
          TENANT_TABLE_NAME: 'ct-dev-tenants',
          SHARED_USER_POOL_IDS: 'eu-west-1_AbC123',
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
        },
        returns: {
          tenantTableName: 'ct-dev-tenants',
          sharedUserPoolIds: new Set(['eu-west-1_AbC123']),
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
        },
      },
      'treats blank values as unset': {
        env: { TENANT_TABLE_NAME: 't1x', SHARED_USER_POOL_IDS: '  ', MAX_GROUPS: '' },
        includes: { maxGroups: 50 },
      },
      'reports every problem at once, naming the variables': {
        env: {
          TENANT_TABLE_NAME: undefined,
          SHARED_USER_POOL_IDS: 'not a pool',
          EMAIL_DOMAIN_CHECK: 'warn',
          ALLOW_TOKENS_WITHOUT_TENANT: 'yes',
          MAX_GROUPS: '-1',
          DYNAMODB_TIMEOUT_MS: '5000',
          CACHE_TTL_SECONDS: '1.5',
        },
        problems: [
          'TENANT_TABLE_NAME is required (a DynamoDB table name)',
          "SHARED_USER_POOL_IDS: 'not a pool' is not a user pool id (<region>_<id>)",
          'EMAIL_DOMAIN_CHECK must be one of enforce, flag',
          'ALLOW_TOKENS_WITHOUT_TENANT must be true or false',
          'MAX_GROUPS must be an integer from 0 to 200',
          'CACHE_TTL_SECONDS must be an integer from 0 to 3600',
          'DYNAMODB_TIMEOUT_MS must be an integer from 50 to 1500',
        ],
        message: /^pre-token-gen configuration: TENANT_TABLE_NAME is required \(a DynamoDB table name\); /,
      },
      'refuses the cognito-local switch inside AWS Lambda': {
        env: { COGNITO_LOCAL_COMPAT: 'true', ...IN_LAMBDA },
        problems: ['COGNITO_LOCAL_COMPAT is local only and refused in AWS Lambda; remove it'],
      },
      'takes the cognito-local switch outside AWS Lambda': {
        env: { COGNITO_LOCAL_COMPAT: 'true', AWS_EXECUTION_ENV: 'cognito-tenancy-local-stack' },
        includes: { cognitoLocalCompat: true },
      },
      'accepts the cognito-local switch set to false inside AWS Lambda': {
        env: { COGNITO_LOCAL_COMPAT: 'false', ...IN_LAMBDA },
        includes: { cognitoLocalCompat: false },
      },
      'refuses a table name that is not a DynamoDB table name': {
        env: { TENANT_TABLE_NAME: 'arn:aws:dynamodb:eu-west-1:1:table/t' },
        problems: ['TENANT_TABLE_NAME must be a DynamoDB table name'],
      },
    },
  );
});
