/**
 * A small synthesized stack shaped like infra's output (cdk.tf.json): the demo's routes,
 * authorizer, permissions, functions, tables and one pool, so that twin tests can change
 * one resource and see the twin follow (or refuse).
 */
type Block = Record<string, unknown>;
export type StackDocument = { resource: Record<string, Record<string, Block>>; provider: Block };

const api = 'aws_api_gateway_rest_api.api';
const fnRef = (name: string, attr: string) => `\${aws_lambda_function.fn-${name}.${attr}}`;
const resource = (name: string) => `\${aws_api_gateway_resource.${name}.id}`;

function fn(name: string, environment: Record<string, string> = {}): Block {
  return {
    function_name: `ct-test-${name}`,
    filename: `assets/fn-${name}/HASH/${name}.zip`,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    timeout: 6,
    environment: { variables: environment },
  };
}

/** `proxy`: what `{proxy+}` integrates with. */
export function twinFixture(proxy: 'HTTP_PROXY' | 'AWS_PROXY' = 'HTTP_PROXY'): StackDocument {
  const method = (path: string, httpMethod: string, auth: 'NONE' | 'CUSTOM', params: Block = {}) => ({
    rest_api_id: `\${${api}.id}`,
    resource_id: resource(path),
    http_method: httpMethod,
    authorization: auth,
    ...(auth === 'CUSTOM' ? { authorizer_id: '${aws_api_gateway_authorizer.auth.id}' } : {}),
    request_parameters: params,
  });
  const lambdaIntegration = (path: string, name: string) => ({
    rest_api_id: `\${${api}.id}`,
    resource_id: resource(path),
    http_method: `\${aws_api_gateway_method.${path}.http_method}`,
    integration_http_method: 'POST',
    type: 'AWS_PROXY',
    uri: fnRef(name, 'invoke_arn'),
  });
  const permission = (name: string, sourceArn: string) => ({
    action: 'lambda:InvokeFunction',
    function_name: fnRef(name, 'function_name'),
    principal: 'apigateway.amazonaws.com',
    source_arn: sourceArn,
    statement_id: `Allow-${name}`,
  });
  const tenantTable = '${aws_dynamodb_table.tenants.name}';
  return {
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: {
      aws_api_gateway_rest_api: { api: { name: 'ct-test-api' } },
      aws_api_gateway_stage: { stage: { stage_name: 'test', rest_api_id: `\${${api}.id}` } },
      aws_api_gateway_resource: {
        config: {
          parent_id: `\${${api}.root_resource_id}`,
          path_part: 'config',
          rest_api_id: `\${${api}.id}`,
        },
        admin: { parent_id: `\${${api}.root_resource_id}`, path_part: 'admin' },
        users: { parent_id: resource('admin'), path_part: 'users' },
        sub: { parent_id: resource('users'), path_part: '{sub}' },
        signout: { parent_id: resource('sub'), path_part: 'sign-out' },
        proxy: { parent_id: `\${${api}.root_resource_id}`, path_part: '{proxy+}' },
      },
      aws_api_gateway_method: {
        config: method('config', 'GET', 'NONE'),
        signout: method('signout', 'POST', 'CUSTOM', { 'method.request.path.sub': true }),
        proxy: method('proxy', 'ANY', 'CUSTOM', { 'method.request.path.proxy': true }),
      },
      aws_api_gateway_integration: {
        config: lambdaIntegration('config', 'config-resolver'),
        signout: lambdaIntegration('signout', 'sign-out'),
        proxy:
          proxy === 'AWS_PROXY'
            ? lambdaIntegration('proxy', 'pets')
            : {
                resource_id: resource('proxy'),
                http_method: '${aws_api_gateway_method.proxy.http_method}',
                integration_http_method: 'ANY',
                type: 'HTTP_PROXY',
                uri: 'http://127.0.0.1:4005/{proxy}',
                timeout_milliseconds: 29000,
                request_parameters: {
                  'integration.request.path.proxy': 'method.request.path.proxy',
                  'integration.request.header.x-tenant-id': 'context.authorizer.tenantId',
                  'integration.request.header.x-user-sub': 'context.authorizer.sub',
                  'integration.request.header.x-username': 'context.authorizer.username',
                  'integration.request.header.x-user-groups': 'context.authorizer.groups',
                  'integration.request.header.x-token-use': 'context.authorizer.tokenUse',
                  'integration.request.header.x-client-id': 'context.authorizer.clientId',
                },
              },
      },
      aws_api_gateway_authorizer: {
        auth: {
          name: 'tenant-jwt',
          type: 'REQUEST',
          authorizer_uri: fnRef('authorizer', 'invoke_arn'),
          identity_source: 'method.request.header.Authorization,context.domainName',
          authorizer_result_ttl_in_seconds: 60,
          rest_api_id: `\${${api}.id}`,
        },
      },
      aws_api_gateway_method_settings: {
        all: {
          method_path: '*/*',
          stage_name: '${aws_api_gateway_stage.stage.stage_name}',
          settings: { throttling_rate_limit: 100, throttling_burst_limit: 200, metrics_enabled: true },
        },
      },
      aws_lambda_permission: {
        authorizer: permission(
          'authorizer',
          `\${${api}.execution_arn}/authorizers/\${aws_api_gateway_authorizer.auth.id}`,
        ),
        config: permission('config-resolver', `\${${api}.execution_arn}/*/GET/config`),
        signout: permission('sign-out', `\${${api}.execution_arn}/*/POST/admin/users/*/sign-out`),
        ...(proxy === 'AWS_PROXY' ? { pets: permission('pets', `\${${api}.execution_arn}/*/*/*`) } : {}),
        // infra's one grant for the account's pools (trigger-permissions.ts).
        trigger: {
          statement_id: 'AllowCognitoPoolsOfThisAccount',
          action: 'lambda:InvokeFunction',
          function_name: fnRef('pre-token-gen', 'function_name'),
          principal: 'cognito-idp.amazonaws.com',
          source_arn: 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/*',
          source_account: '000000000000',
        },
      },
      aws_lambda_function: {
        'fn-authorizer': fn('authorizer', { REGISTRY_PREFIX: '/cognito-tenancy/test' }),
        'fn-config-resolver': fn('config-resolver', { CORS_ALLOWED_ORIGINS: '' }),
        'fn-sign-out': fn('sign-out', { TENANT_TABLE_NAME: tenantTable }),
        'fn-pre-token-gen': fn('pre-token-gen', {
          TENANT_TABLE_NAME: tenantTable,
          SHARED_USER_POOL_IDS: '${aws_cognito_user_pool.pool.id}',
        }),
        ...(proxy === 'AWS_PROXY'
          ? { 'fn-pets': fn('pets', { PETS_TABLE_NAME: '${aws_dynamodb_table.pets.name}' }) }
          : {}),
      },
      aws_dynamodb_table: {
        tenants: { name: 'ct-test-tenants', hash_key: 'pk', attribute: [{ name: 'pk', type: 'S' }] },
        pets: {
          name: 'ct-test-pets',
          hash_key: 'pk',
          range_key: 'sk',
          attribute: [
            { name: 'pk', type: 'S' },
            { name: 'sk', type: 'S' },
          ],
        },
      },
      aws_cognito_user_pool: { pool: { name: 'ct-test-acme' } },
      aws_cognito_user_pool_domain: {
        domain: { domain: 'ct-test-acme-prefix', user_pool_id: '${aws_cognito_user_pool.pool.id}' },
      },
      aws_iam_role: { role: { name: 'r' } },
    },
  };
}

/**
 * Adds infra's CORS setup for `origins` (infra/src/constructs/cors-preflight.ts and the
 * gateway responses of tenancy-api.ts), built with infra's own template and parameters.
 */
export function withCorsPreflight(
  doc: StackDocument,
  origins: readonly string[],
  cors: { template: (origins: readonly string[]) => string; errorParameters: () => Record<string, string> },
): StackDocument {
  const r = doc.resource;
  const header = 'method.response.header.';
  r.aws_api_gateway_method = {
    ...r.aws_api_gateway_method,
    'config-options': {
      rest_api_id: `\${${api}.id}`,
      resource_id: resource('config'),
      http_method: 'OPTIONS',
      authorization: 'NONE',
    },
  };
  r.aws_api_gateway_integration = {
    ...r.aws_api_gateway_integration,
    'config-options': {
      rest_api_id: `\${${api}.id}`,
      resource_id: resource('config'),
      http_method: '${aws_api_gateway_method.config-options.http_method}',
      type: 'MOCK',
      request_templates: { 'application/json': '{"statusCode": 204}' },
    },
  };
  r.aws_api_gateway_method_response = {
    'config-options': {
      rest_api_id: `\${${api}.id}`,
      resource_id: resource('config'),
      http_method: '${aws_api_gateway_method.config-options.http_method}',
      status_code: '204',
      response_parameters: { [`${header}Access-Control-Allow-Origin`]: false, [`${header}Vary`]: false },
    },
  };
  r.aws_api_gateway_integration_response = {
    'config-options': {
      rest_api_id: `\${${api}.id}`,
      resource_id: resource('config'),
      http_method: '${aws_api_gateway_method.config-options.http_method}',
      status_code: '${aws_api_gateway_method_response.config-options.status_code}',
      response_parameters: { [`${header}Vary`]: "'Origin'" },
      response_templates: { 'application/json': cors.template(origins) },
    },
  };
  r.aws_api_gateway_gateway_response = Object.fromEntries(
    ['DEFAULT_4XX', 'DEFAULT_5XX'].map((type) => [
      type,
      { rest_api_id: `\${${api}.id}`, response_type: type, response_parameters: cors.errorParameters() },
    ]),
  );
  return doc;
}
