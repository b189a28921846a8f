/**
 * The pets Lambda behind `{proxy+}` wherever the file names no serviceUrl (prod and dev),
 * and the client certificate wherever it names one.
 */
import { ROUTES, TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { permissionProblems } from '../../rehearsal/permission-check';
import { PETS_LEADING_KEY } from '../../src/iam-policies';
import { resourceNames } from '../../src/names';
import {
  type Body,
  environmentOf,
  environmentsWhere,
  ref,
  resources,
  resourceWhere,
  type StackJson,
  stack,
} from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

const WITH_PETS = environmentsWhere(({ api }) => api !== undefined && api.serviceUrl === undefined);

function proxyIntegration(s: StackJson): Body {
  const [, resource] = resources(s, 'aws_api_gateway_resource').find(([, r]) => r.path_part === '{proxy+}')!;
  const key = resources(s, 'aws_api_gateway_resource').find(([, r]) => r === resource)![0];
  const [, integration] = resources(s, 'aws_api_gateway_integration').find(
    ([, i]) => i.resource_id === ref('aws_api_gateway_resource', key, 'id') && i.type !== 'MOCK',
  )!;
  return integration;
}

it('covers prod and dev', () => {
  expect(WITH_PETS).toEqual(expect.arrayContaining(['dev', 'prod']));
});

describe.each(WITH_PETS)('pets service of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const names = resourceNames(environment);
  const [fnKey, fn] = resourceWhere(s, 'aws_lambda_function', 'function_name', names.lambda('pets'));
  const [tableKey, table] = resourceWhere(s, 'aws_dynamodb_table', 'name', names.petsTable);
  const [tenantTableKey] = resourceWhere(s, 'aws_dynamodb_table', 'name', names.tenantTable);

  it('serves ANY /{proxy+} as AWS_PROXY, with no tenant header for anyone to trust', () => {
    const integration = proxyIntegration(s);
    expect(integration).toMatchObject({
      type: 'AWS_PROXY',
      integration_http_method: 'POST',
      uri: ref('aws_lambda_function', fnKey, 'invoke_arn'),
    });
    for (const header of Object.values(TENANT_CONTEXT)) {
      expect(integration.request_parameters?.[`integration.request.header.${header}`]).toBeUndefined();
    }
    expect(resources(s, 'aws_api_gateway_integration').filter(([, i]) => i.type === 'HTTP_PROXY')).toEqual(
      [],
    );
  });

  it('lets API Gateway invoke it for that route of this API only', () => {
    const permissions = resources(s, 'aws_lambda_permission').filter(
      ([, p]) => p.function_name === ref('aws_lambda_function', fnKey, 'function_name'),
    );
    expect(permissions).toHaveLength(1);
    const [[, permission]] = permissions as [[string, Body]];
    expect(permission.principal).toBe('apigateway.amazonaws.com');
    // `{proxy+}` would be literal text under ArnLike (every invoke refused): it must be `*`.
    const executionArn = 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5';
    const sourceArn = String(permission.source_arn).replace(
      /^\$\{aws_api_gateway_rest_api\.[^.]+\.execution_arn\}/,
      executionArn,
    );
    const route = ROUTES.find((r) => 'service' in r.target)!;
    expect(permissionProblems([{ route, sourceArn }], ROUTES, executionArn, 'dev')).toEqual([]);
  });

  it('keeps pets in a table keyed by tenant first, with PITR and encryption', () => {
    expect(table).toMatchObject({
      hash_key: 'pk',
      range_key: 'sk',
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: env.deletionProtection,
    });
  });

  it('gives the function its tables by name and the tenant’s admin group source', () => {
    expect(fn.environment.variables).toMatchObject({
      TENANT_TABLE_NAME: ref('aws_dynamodb_table', tenantTableKey, 'name'),
      PETS_TABLE_NAME: ref('aws_dynamodb_table', tableKey, 'name'),
    });
  });

  it('may read its tenant items and list, read and create pets of TENANT# partitions only', () => {
    const roleKey = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(fn.role)![1]!;
    const [, policy] = resources(s, 'aws_iam_role_policy').find(
      ([, p]) => p.role === ref('aws_iam_role', roleKey, 'id'),
    )!;
    const statements: Body[] = JSON.parse(policy.policy).Statement.filter(
      (st: Body) => st.Sid !== 'WriteOwnLogs',
    );
    expect(statements).toEqual([
      {
        Sid: 'ReadTenantItems',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: [ref('aws_dynamodb_table', tenantTableKey, 'arn')],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TENANT#*'] } },
      },
      {
        Sid: 'ReadWritePets',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        Resource: [ref('aws_dynamodb_table', tableKey, 'arn')],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [PETS_LEADING_KEY] } },
      },
    ]);
  });

  it('presents no client certificate (nothing external to prove itself to)', () => {
    expect(resources(s, 'aws_api_gateway_client_certificate')).toEqual([]);
  });
});

describe('an environment with an external serviceUrl', () => {
  const dev = rawEnvironment('dev');
  const s = synthVariant({
    ...dev,
    api: { ...(dev.api as object), serviceUrl: 'https://service.dev.example.com' },
  });

  it('has no pets function or table, and proxies over HTTP with the tenant headers', () => {
    expect(resources(s, 'aws_lambda_function').map(([, f]) => f.function_name)).not.toContain('ct-dev-pets');
    expect(resources(s, 'aws_dynamodb_table').map(([, t]) => t.name)).not.toContain('ct-dev-pets');
    expect(proxyIntegration(s)).toMatchObject({
      type: 'HTTP_PROXY',
      uri: 'https://service.dev.example.com/{proxy}',
    });
  });

  it('presents the gateway’s client certificate to the service on every call, and outputs its PEM', () => {
    const [certKey] = resources(s, 'aws_api_gateway_client_certificate')[0]!;
    const [, stage] = resources(s, 'aws_api_gateway_stage')[0]!;
    expect(stage.client_certificate_id).toBe(ref('aws_api_gateway_client_certificate', certKey, 'id'));
    expect(s.output.client_certificate_pem?.value).toBe(
      ref('aws_api_gateway_client_certificate', certKey, 'pem_encoded_certificate'),
    );
  });
});
