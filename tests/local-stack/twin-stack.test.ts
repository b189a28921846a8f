import { TwinRefusalError } from '@cognito-tenancy/local-stack/gateway/terraform-refs';
import { functionEnvironment, readTwinStack } from '@cognito-tenancy/local-stack/gateway/twin-stack';
import { LOCAL_OVERRIDES, withLocalOverrides } from '@cognito-tenancy/local-stack/lambda-overrides';
import { describe, expect, it } from '@jest/globals';
import { twinFixture } from './twin-fixture';

const refusal = (edit: (doc: ReturnType<typeof twinFixture>) => void) => {
  const doc = twinFixture();
  edit(doc);
  try {
    readTwinStack(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(TwinRefusalError);
    return error as TwinRefusalError;
  }
  throw new Error('the twin accepted the stack');
};

describe('readTwinStack', () => {
  it('reads resources, methods, authorization and both integration types', () => {
    const stack = readTwinStack(twinFixture());
    expect(stack.methods.map((m) => `${m.method} ${m.path} ${m.auth} ${m.integration.type}`).sort()).toEqual([
      'ANY /{proxy+} authorizer HTTP_PROXY',
      'GET /config public AWS_PROXY',
      'POST /admin/users/{sub}/sign-out authorizer AWS_PROXY',
    ]);
    const proxy = stack.methods.find((m) => m.path === '/{proxy+}')!.integration;
    expect(proxy).toMatchObject({ type: 'HTTP_PROXY', pathParameters: { proxy: 'proxy' }, timeoutMs: 29000 });
    expect(proxy.type === 'HTTP_PROXY' && proxy.headers['x-tenant-id']).toEqual({ context: 'tenantId' });
    const pets = readTwinStack(twinFixture('AWS_PROXY')).methods.find((m) => m.path === '/{proxy+}');
    expect(pets?.integration).toEqual({ type: 'AWS_PROXY', functionName: 'ct-test-pets' });
    expect(stack.identity).toEqual({
      region: 'eu-west-1',
      accountId: '000000000000',
      apiId: 'localapi',
      stage: 'test',
    });
  });

  it('reads the authorizer, permissions (ArnLike patterns resolved), throttling and tables', () => {
    const stack = readTwinStack(twinFixture());
    expect(stack.authorizer).toMatchObject({
      functionName: 'ct-test-authorizer',
      identitySources: ['method.request.header.Authorization', 'context.domainName'],
      ttlSeconds: 60,
      sourceArn: 'arn:aws:execute-api:eu-west-1:000000000000:localapi/authorizers/auth',
    });
    expect(stack.permissions.map((p) => p.sourceArn)).toContain(
      'arn:aws:execute-api:eu-west-1:000000000000:localapi/*/POST/admin/users/*/sign-out',
    );
    // Cognito's trigger permission is not API Gateway's: counted as ignored.
    expect(stack.ignored['aws_lambda_permission (cognito-idp)']).toBe(1);
    expect(stack.throttles).toEqual([{ methodPath: '*/*', ratePerSecond: 100, burst: 200 }]);
    expect(stack.tables.map((t) => [t.name, t.hashKey.name, t.rangeKey?.name])).toEqual([
      ['ct-test-tenants', 'pk', undefined],
      ['ct-test-pets', 'pk', 'sk'],
    ]);
    expect(stack.functions.map((f) => f.packageName).sort()).toEqual([
      'authorizer',
      'config-resolver',
      'pre-token-gen',
      'sign-out',
    ]);
  });

  it('refuses, naming the resource, what it does not model', () => {
    expect(refusal((d) => (d.resource.aws_sqs_queue = { q: {} })).address).toBe('aws_sqs_queue.q');
    expect(refusal((d) => (d.resource.aws_api_gateway_integration!.config!.type = 'MOCK')).message).toMatch(
      /^aws_api_gateway_integration\.config: MOCK is modelled only as the CORS preflight/,
    );
    expect(refusal((d) => (d.resource.aws_api_gateway_authorizer!.auth!.type = 'TOKEN')).address).toBe(
      'aws_api_gateway_authorizer.auth',
    );
    expect(
      refusal((d) => (d.resource.aws_api_gateway_method!.config!.api_key_required = true)).message,
    ).toMatch(/API keys/);
    expect(
      refusal((d) => (d.resource.aws_api_gateway_method!.config!.authorization = 'AWS_IAM')).message,
    ).toMatch(/authorization 'AWS_IAM'/);
    expect(
      refusal((d) => (d.resource.aws_api_gateway_integration!.config!.request_templates = { x: 'y' }))
        .message,
    ).toMatch(/request_templates are modelled only on the MOCK preflight/);
    expect(
      refusal((d) => {
        d.resource.aws_lambda_permission!.config!.source_arn = '${element(var.arns, 0)}';
      }).message,
    ).toMatch(/Terraform expression/);
    expect(
      refusal((d) => {
        d.resource.aws_api_gateway_integration!.proxy!.uri = 'http://{host}/x';
      }).message,
    ).toMatch(/placeholders and credentials are refused in the host/);
    expect(
      refusal((d) => {
        d.resource.aws_dynamodb_table!.pets!.global_secondary_index = [{ name: 'g' }];
      }).address,
    ).toBe('aws_dynamodb_table.pets');
  });
});

describe('function environments', () => {
  const doc = twinFixture();
  const stack = readTwinStack(doc);
  const env = (pkg: string) =>
    functionEnvironment(doc, stack.functions.find((f) => f.packageName === pkg)!, {
      userPoolId: (domain) => (domain === 'ct-test-acme-prefix' ? 'local_acme' : undefined),
    });

  it('resolves table names and user pool ids (the local pool of the same domain)', () => {
    expect(env('pre-token-gen')).toEqual({
      TENANT_TABLE_NAME: 'ct-test-tenants',
      SHARED_USER_POOL_IDS: 'local_acme',
    });
    expect(env('authorizer')).toEqual({ REGISTRY_PREFIX: '/cognito-tenancy/test' });
    expect(env('sign-out')).toEqual({ TENANT_TABLE_NAME: 'ct-test-tenants' });
  });

  it('refuses a pool it cannot find locally, naming the function', () => {
    expect(() =>
      functionEnvironment(doc, stack.functions.find((f) => f.packageName === 'pre-token-gen')!, {
        userPoolId: () => undefined,
      }),
    ).toThrow(/aws_lambda_function\.fn-pre-token-gen: reference \$\{aws_cognito_user_pool\.pool\.id\}/);
  });

  it('adds only the listed local overrides, each with a reason', () => {
    const local = {
      ssmUrl: 'http://127.0.0.1:1',
      dynamodbUrl: 'http://127.0.0.1:2',
      cognitoEndpoint: 'http://127.0.0.1:3',
      cognitoAdminEndpoint: 'http://127.0.0.1:4',
      corsOrigins: ['http://acme.localhost:4000'],
    };
    const authorizer = withLocalOverrides('authorizer', env('authorizer'), local);
    expect(authorizer).toMatchObject({
      REGISTRY_PREFIX: '/cognito-tenancy/test',
      LOCAL_ISSUER_ORIGIN: 'http://127.0.0.1:3',
      ACCEPTED_TOKEN_USE: 'access,id',
    });
    expect(authorizer.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')).toBe(false);
    expect(authorizer.CORS_ALLOWED_ORIGINS).toBeUndefined();
    expect(withLocalOverrides('config-resolver', env('config-resolver'), local).CORS_ALLOWED_ORIGINS).toBe(
      'http://acme.localhost:4000',
    );
    expect(withLocalOverrides('sign-out', env('sign-out'), local)).toMatchObject({
      TENANT_TABLE_NAME: 'ct-test-tenants',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:4',
    });
    for (const override of LOCAL_OVERRIDES) expect(override.reason.length).toBeGreaterThan(10);
  });
});
