/**
 * The wiring of one Lambda as plain Terraform JSON (`<lambda>.tf.json`): variables for
 * everything the team's estate names, the function, its role, log group and invoke
 * permissions. A team drops the file into a module of its own.
 */
import type { WiringModel, WiringVariable } from './wiring-model';

/** The AWS provider the workspace pins (infra synthesizes with the same major version). */
export const AWS_PROVIDER_CONSTRAINT = '~> 5.100';

/** A Terraform interpolation of `expression`. */
const tf = (expression: string) => `\${${expression}}`;

const DATA: Record<string, string> = {
  partition: 'data.aws_partition.current.partition',
  region: 'data.aws_region.current.name',
  account: 'data.aws_caller_identity.current.account_id',
};

/** The expression behind a placeholder name. */
function expression(name: string): string {
  if (name.startsWith('data:')) return DATA[name.slice(5)] ?? fail(name);
  if (name === 'self:log_group_arn') return 'aws_cloudwatch_log_group.this.arn';
  return `var.${name}`;
}

function fail(name: string): never {
  throw new Error(`copy-out: unknown placeholder {{${name}}}`);
}

/** A Terraform template string: `{{x}}` -> `${var.x}`, a whole-string list -> joined with commas. */
export function templateOf(text: string): string {
  const whole = /^\{\{list:([a-z_]+)\}\}$/.exec(text);
  if (whole?.[1] !== undefined) return `\${join(",", var.${whole[1]})}`;
  if (text.includes('{{list:')) throw new Error(`copy-out: a list placeholder inside text: '${text}'`);
  return text.replace(/\{\{([a-z_:]+)\}\}/g, (_, name: string) => `\${${expression(name)}}`);
}

/** A JSON document as a template: a list placeholder standing as a whole array becomes `jsonencode`. */
function jsonTemplate(value: unknown): string {
  const text = JSON.stringify(value).replace(
    /\["\{\{list:([a-z_]+)\}\}"\]/g,
    (_, name: string) => `\${jsonencode(var.${name})}`,
  );
  return templateOf(text);
}

function variableBlock(variable: WiringVariable): Record<string, unknown> {
  const type =
    variable.type === 'list' ? 'list(string)' : variable.type === 'map' ? 'map(string)' : variable.type;
  return {
    type,
    description: variable.description,
    ...(variable.default === undefined ? {} : { default: variable.default }),
  };
}

function environmentExpression(environment: Readonly<Record<string, string>>): string {
  // Inside an expression a list is joined by a call, not a nested template (quotes would need escapes).
  const hcl = (value: string) => {
    const list = /^\{\{list:([a-z_]+)\}\}$/.exec(value)?.[1];
    return list === undefined ? JSON.stringify(templateOf(value)) : `join(",", var.${list})`;
  };
  const entries = Object.entries(environment).map(([key, value]) => `${JSON.stringify(key)} = ${hcl(value)}`);
  return `\${merge({${entries.join(', ')}}, var.extra_environment)}`;
}

function permissions(model: WiringModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [index, permission] of model.permissions.entries()) {
    out[index === 0 ? 'invoke' : `invoke_${index}`] = {
      statement_id: permission.statementId,
      action: 'lambda:InvokeFunction',
      function_name: tf('aws_lambda_function.this.function_name'),
      principal: permission.principal,
      source_arn: templateOf(permission.sourceArn),
      ...(permission.sourceAccount === undefined
        ? {}
        : { source_account: templateOf(permission.sourceAccount) }),
    };
  }
  return out;
}

/** The Terraform JSON document. */
export function renderTerraform(model: WiringModel, header: string): Record<string, unknown> {
  const usesData = (name: string) => JSON.stringify(model).includes(`{{data:${name}}}`);
  const data: Record<string, unknown> = {};
  if (usesData('partition')) data.aws_partition = { current: {} };
  if (usesData('region')) data.aws_region = { current: {} };
  if (usesData('account')) data.aws_caller_identity = { current: {} };
  return {
    '//': header,
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT } } },
    variable: Object.fromEntries(model.variables.map((v) => [v.name, variableBlock(v)])),
    ...(Object.keys(data).length > 0 ? { data } : {}),
    resource: {
      aws_cloudwatch_log_group: {
        this: {
          name: `/aws/lambda/${tf('var.function_name')}`,
          retention_in_days: tf('var.log_retention_days'),
        },
      },
      aws_iam_role: {
        this: {
          name: `${tf('var.function_name')}-fn`,
          description: `Execution role of ${tf('var.function_name')}`,
          assume_role_policy: JSON.stringify(model.trustPolicy),
        },
      },
      aws_iam_role_policy: {
        this: {
          name: 'least-privilege',
          role: tf('aws_iam_role.this.id'),
          policy: jsonTemplate({ Version: '2012-10-17', Statement: model.statements }),
        },
      },
      aws_lambda_function: {
        this: {
          function_name: tf('var.function_name'),
          description: model.description,
          role: tf('aws_iam_role.this.arn'),
          runtime: model.runtime,
          architectures: [model.architecture],
          handler: model.handler,
          filename: tf('var.zip_file'),
          source_code_hash: tf('filebase64sha256(var.zip_file)'),
          memory_size: model.memorySize,
          timeout: model.timeout,
          environment: { variables: environmentExpression(model.environment) },
          logging_config: { log_format: 'JSON', log_group: tf('aws_cloudwatch_log_group.this.name') },
          // The role's policy must exist before the first invocation can log or read.
          depends_on: ['aws_iam_role_policy.this', 'aws_cloudwatch_log_group.this'],
        },
      },
      ...(model.permissions.length > 0 ? { aws_lambda_permission: permissions(model) } : {}),
    },
    output: {
      function_name: { value: tf('aws_lambda_function.this.function_name') },
      function_arn: { value: tf('aws_lambda_function.this.arn') },
      invoke_arn: { value: tf('aws_lambda_function.this.invoke_arn') },
      role_arn: { value: tf('aws_iam_role.this.arn') },
    },
  };
}
