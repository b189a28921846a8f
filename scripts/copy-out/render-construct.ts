/**
 * The wiring of one Lambda as a small CDKTF construct (TypeScript source): the same
 * resources and documents as the Terraform JSON, with props instead of variables.
 */
import { VARIABLES, type WiringModel, type WiringVariable } from './wiring-model';

/** `registry_prefix` -> `registryPrefix`. */
export function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `pre-token-gen` -> `PreTokenGen`. */
export function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

const DATA: Record<string, string> = { partition: 'partition', region: 'region', account: 'accountId' };

function reference(name: string): string {
  if (name.startsWith('data:')) return DATA[name.slice(5)] ?? '';
  if (name === 'self:log_group_arn') return 'this.logGroup.arn';
  return `props.${camel(name)}`;
}

/** A TypeScript expression for a string that may hold placeholders. */
export function stringExpression(text: string): string {
  const whole = /^\{\{list:([a-z_]+)\}\}$/.exec(text);
  if (whole?.[1] !== undefined) return `props.${camel(whole[1])}.join(',')`;
  const single = /^\{\{([a-z_]+)\}\}$/.exec(text)?.[1];
  if (single !== undefined) {
    const type = VARIABLES.find((v) => v.name === single)?.type;
    return type === 'string' ? `props.${camel(single)}` : `String(props.${camel(single)})`;
  }
  if (!text.includes('{{')) return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\$\{/g, '\\${')
    .replace(/\{\{([a-z_:]+)\}\}/g, (_, name: string) => `\${${reference(name)}}`);
  return `\`${body}\``;
}

/** A TypeScript expression for a JSON-like value; a list placeholder standing as a whole array spreads the prop. */
export function valueExpression(value: unknown, indent = ''): string {
  if (typeof value === 'string') return stringExpression(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const whole =
      value.length === 1 && typeof value[0] === 'string' ? /^\{\{list:([a-z_]+)\}\}$/.exec(value[0]) : null;
    if (whole?.[1] !== undefined) return `[...props.${camel(whole[1])}]`;
    return `[${value.map((v) => valueExpression(v, indent)).join(', ')}]`;
  }
  const entries = Object.entries(value).map(
    ([key, v]) => `${inner}${/^[A-Za-z_]\w*$/.test(key) ? key : `'${key}'`}: ${valueExpression(v, inner)},`,
  );
  return `{\n${entries.join('\n')}\n${indent}}`;
}

function propType(variable: WiringVariable): string {
  switch (variable.type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'list':
      return 'readonly string[]';
    case 'map':
      return 'Readonly<Record<string, string>>';
  }
}

function propsInterface(name: string, model: WiringModel): string {
  const lines = model.variables.map((v) => {
    const optional = v.default === undefined ? '' : '?';
    const note = v.default === undefined ? '' : ` Default: ${JSON.stringify(v.default)}.`;
    return `  /** ${v.description}${note} */\n  readonly ${camel(v.name)}${optional}: ${propType(v)};`;
  });
  return `export interface ${name}Props {\n${lines.join('\n')}\n}`;
}

/** The construct source. */
export function renderConstruct(model: WiringModel, header: string): string {
  const name = `${pascal(model.lambda)}Wiring`;
  const text = JSON.stringify(model);
  const uses = (key: string) => text.includes(`{{data:${key}}}`);
  const imports = [
    "import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';",
    ...(uses('account')
      ? ["import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';"]
      : []),
    ...(uses('partition')
      ? ["import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';"]
      : []),
    ...(uses('region')
      ? ["import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region/index.js';"]
      : []),
    "import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';",
    "import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';",
    "import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';",
    ...(model.permissions.length > 0
      ? ["import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';"]
      : []),
    "import { Fn } from 'cdktf';",
    "import { Construct } from 'constructs';",
  ];
  const data = [
    ...(uses('partition')
      ? ["    const partition = new DataAwsPartition(this, 'partition').partition;"]
      : []),
    ...(uses('region') ? ["    const region = new DataAwsRegion(this, 'region').name;"] : []),
    ...(uses('account')
      ? ["    const accountId = new DataAwsCallerIdentity(this, 'account').accountId;"]
      : []),
  ];
  const permissions = model.permissions.map(
    (p, index) => `    new LambdaPermission(this, 'invoke-${index}', {
      statementId: ${stringExpression(p.statementId)},
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: ${stringExpression(p.principal)},
      sourceArn: ${stringExpression(p.sourceArn)},${
        p.sourceAccount === undefined ? '' : `\n      sourceAccount: ${stringExpression(p.sourceAccount)},`
      }
    });`,
  );
  const environment = Object.entries(model.environment)
    .map(([key, value]) => `          ${key}: ${stringExpression(value)},`)
    .join('\n');
  return `${header
    .split('\n')
    .map((line) => `// ${line}`.trimEnd())
    .join('\n')}
${imports.join('\n')}

${propsInterface(name, model)}

/** ${model.description} */
export class ${name} extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ${name}Props) {
    super(scope, id);
${data.join('\n')}
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: \`/aws/lambda/\${props.functionName}\`,
      retentionInDays: props.logRetentionDays ?? 30,
    });
    this.role = new IamRole(this, 'role', {
      name: \`\${props.functionName}-fn\`,
      description: \`Execution role of \${props.functionName}\`,
      assumeRolePolicy: JSON.stringify(${valueExpression(model.trustPolicy, '      ')}),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: ${valueExpression(model.statements, '        ')},
      }),
    });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: ${stringExpression(model.description)},
      role: this.role.arn,
      runtime: '${model.runtime}',
      architectures: ['${model.architecture}'],
      handler: '${model.handler}',
      filename: props.zipFile,
      sourceCodeHash: Fn.filebase64sha256(props.zipFile),
      memorySize: ${model.memorySize},
      timeout: ${model.timeout},
      environment: {
        variables: {
${environment}
          ...props.extraEnvironment,
        },
      },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      // The role's policy must exist before the first invocation can log or read.
      dependsOn: [policy, this.logGroup],
    });
${permissions.join('\n')}
  }
}
`;
}
