import { describe, expect, it } from '@jest/globals';
import { functionStatements, loggingStatement } from '../../infra/src/iam-policies';
import { type LambdaEnvironmentInputs, lambdaEnvironment } from '../../infra/src/lambda-environment';
import { LAMBDA_FUNCTIONS, type LambdaName } from '../../infra/src/lambda-functions';
import { triggerPermission } from '../../infra/src/trigger-permissions';
import { renderConstruct } from '../../scripts/copy-out/render-construct';
import { renderTerraform } from '../../scripts/copy-out/render-terraform';
import { wiringModel } from '../../scripts/copy-out/wiring-model';

/** Concrete values for every placeholder, as infra would pass them. */
const SCALARS: Record<string, string> = {
  registry_prefix: '/cognito-tenancy/dev',
  tenant_table_name: 'ct-dev-tenants',
  tenant_table_arn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/ct-dev-tenants',
  revocation_table_name: 'ct-dev-revocations',
  revocation_table_arn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/ct-dev-revocations',
  revocation_ttl_seconds: '7200',
  pets_table_name: 'ct-dev-pets',
  pets_table_arn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/ct-dev-pets',
  allow_unregistered_hosts: 'true',
  'data:partition': 'aws',
  'data:region': 'eu-west-1',
  'data:account': '111111111111',
  'self:log_group_arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/x',
};
const LISTS: Record<string, string[]> = {
  cors_allowed_origins: ['https://app.example.com'],
  allowed_unregistered_hosts: ['app.example.com'],
};

/** The model with every placeholder filled in. */
function filled(value: unknown): unknown {
  const text = JSON.stringify(value)
    .replace(/\["\{\{list:([a-z_]+)\}\}"\]/g, (_, name: string) => JSON.stringify(LISTS[name]))
    .replace(/\{\{list:([a-z_]+)\}\}/g, (_, name: string) => (LISTS[name] as string[]).join(','))
    .replace(/\{\{([a-z_:]+)\}\}/g, (_, name: string) => SCALARS[name] as string);
  return JSON.parse(text);
}

const ctx = { partition: 'aws', region: 'eu-west-1', accountId: '111111111111' };

describe('wiringModel', () => {
  it.each([...LAMBDA_FUNCTIONS])('gives %s exactly the statements infra gives it', (name: LambdaName) => {
    const model = wiringModel(name);
    const infra = functionStatements(name, {
      ctx,
      registryPrefix: SCALARS.registry_prefix as string,
      tenantTableArn: SCALARS.tenant_table_arn as string,
      revocationTableArn: SCALARS.revocation_table_arn as string,
      petsTableArn: SCALARS.pets_table_arn as string,
    });
    expect(filled(model.statements)).toEqual([
      ...infra,
      loggingStatement(SCALARS['self:log_group_arn'] as string),
    ]);
  });

  it.each([...LAMBDA_FUNCTIONS])('gives %s the environment infra gives it', (name: LambdaName) => {
    const inputs = {
      registryPrefix: SCALARS.registry_prefix,
      tenantTableName: SCALARS.tenant_table_name,
      corsAllowedOrigins: LISTS.cors_allowed_origins,
      unregisteredHosts: LISTS.allowed_unregistered_hosts,
      allowUnregisteredHosts: true,
      revocationTableName: SCALARS.revocation_table_name,
      revocationTtlSeconds: 7200,
      petsTableName: SCALARS.pets_table_name,
    } as unknown as LambdaEnvironmentInputs;
    expect(filled(wiringModel(name).environment)).toEqual(lambdaEnvironment(name, inputs));
  });

  it('declares a variable for every placeholder it uses, and no other', () => {
    for (const name of LAMBDA_FUNCTIONS) {
      const model = wiringModel(name);
      const used = new Set(
        [
          ...JSON.stringify([model.statements, model.environment, model.permissions]).matchAll(
            /\{\{(?:list:)?([a-z_]+)\}\}/g,
          ),
        ].map((m) => m[1]),
      );
      const declared = model.variables.map((v) => v.name);
      for (const variable of used) expect(declared).toContain(variable);
      for (const variable of declared) {
        if (!['function_name', 'zip_file', 'log_retention_days', 'extra_environment'].includes(variable)) {
          expect(used).toContain(variable);
        }
      }
    }
  });

  it('lets API Gateway invoke a route Lambda from the routes of the shared table only', () => {
    expect(wiringModel('sign-out').permissions).toEqual([
      expect.objectContaining({
        principal: 'apigateway.amazonaws.com',
        sourceArn: '{{api_execution_arn}}/*/POST/admin/users/*/sign-out',
      }),
    ]);
    expect(wiringModel('authorizer').permissions[0]?.sourceArn).toBe('{{api_execution_arn}}/authorizers/*');
  });

  it('lets Cognito invoke pre-token-gen with the one account-scoped grant infra writes', () => {
    expect(filled(wiringModel('pre-token-gen').permissions)).toEqual([triggerPermission(ctx)]);
    // No pool list to keep in step: a team adding a pool changes nothing here.
    expect(wiringModel('pre-token-gen').variables.map((v) => v.name)).not.toContain('user_pool_arns');
  });
});

describe('renderTerraform and renderConstruct', () => {
  it.each([...LAMBDA_FUNCTIONS])('leave no placeholder in the %s wiring', (name: LambdaName) => {
    const model = wiringModel(name);
    expect(JSON.stringify(renderTerraform(model, 'header'))).not.toContain('{{');
    expect(renderConstruct(model, 'header')).not.toContain('{{');
  });

  it('names this account’s pools in sign-out’s policy and hands a list variable to the environment whole', () => {
    const doc = renderTerraform(wiringModel('sign-out'), 'h') as {
      resource: { aws_iam_role_policy: { this: { policy: string } }; aws_lambda_function: { this: unknown } };
    };
    expect(doc.resource.aws_iam_role_policy.this.policy).toContain(
      '"Resource":["arn:${data.aws_partition.current.partition}:cognito-idp:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:userpool/*"]',
    );
    expect(JSON.stringify(doc.resource.aws_lambda_function.this)).toContain(
      '\\"CORS_ALLOWED_ORIGINS\\" = join(\\",\\", var.cors_allowed_origins)',
    );
  });

  it('writes the trigger permission for this account’s pools in the region, with its source account', () => {
    const doc = renderTerraform(wiringModel('pre-token-gen'), 'h') as {
      resource: { aws_lambda_permission: Record<string, Record<string, string>> };
    };
    expect(doc.resource.aws_lambda_permission).toEqual({
      invoke: {
        statement_id: 'AllowCognitoPoolsOfThisAccount',
        action: 'lambda:InvokeFunction',
        function_name: '${aws_lambda_function.this.function_name}',
        principal: 'cognito-idp.amazonaws.com',
        source_arn:
          'arn:${data.aws_partition.current.partition}:cognito-idp:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:userpool/*',
        source_account: '${data.aws_caller_identity.current.account_id}',
      },
    });
    const construct = renderConstruct(wiringModel('pre-token-gen'), 'h');
    expect(construct).toContain(
      'sourceArn: `arn:${partition}:cognito-idp:${region}:${accountId}:userpool/*`,',
    );
    expect(construct).toContain('sourceAccount: `${accountId}`,');
    expect(construct).toContain("const accountId = new DataAwsCallerIdentity(this, 'account').accountId;");
    expect(construct).toContain('export class PreTokenGenWiring extends Construct');
  });
});
