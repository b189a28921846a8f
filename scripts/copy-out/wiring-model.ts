/**
 * What one Lambda needs around it in a team's own estate (role policy, environment,
 * invoke permissions, function settings), computed by calling the very functions infra
 * synthesizes with: `functionStatements`, `lambdaEnvironment`, `routeSourceArn`,
 * `triggerPermission`. Inputs are placeholder tokens (`{{registry_prefix}}`) that the
 * renderers turn into Terraform variables or construct props, so the copy cannot drift
 * from what infra deploys at the time of the copy.
 */
import { ROUTES } from '@cognito-tenancy/registry/routes';
import { routeSourceArn } from '../../infra/src/api-routes';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME } from '../../infra/src/constructs/zip-function';
import {
  functionStatements,
  LAMBDA_TRUST_POLICY,
  loggingStatement,
  type PolicyStatement,
} from '../../infra/src/iam-policies';
import { type LambdaEnvironmentInputs, lambdaEnvironment } from '../../infra/src/lambda-environment';
import { LAMBDA_DESCRIPTIONS, LAMBDA_SIZING, type LambdaName } from '../../infra/src/lambda-functions';
import { triggerPermission } from '../../infra/src/trigger-permissions';

export type VariableType = 'string' | 'number' | 'bool' | 'list' | 'map';

export interface WiringVariable {
  /** Terraform name (`registry_prefix`); the construct prop is its camelCase. */
  readonly name: string;
  readonly type: VariableType;
  readonly description: string;
  /** JSON default; absent: the variable is required. */
  readonly default?: unknown;
}

/** Every input the functions can ask for. Which ones a Lambda gets follows from its tokens. */
export const VARIABLES: readonly WiringVariable[] = [
  {
    name: 'function_name',
    type: 'string',
    description: 'Name of the Lambda function (its role is <name>-fn).',
  },
  {
    name: 'zip_file',
    type: 'string',
    description: 'Path of the deployment zip `pnpm build` writes (dist/<lambda>.zip).',
  },
  {
    name: 'log_retention_days',
    type: 'number',
    description: 'Retention of the function log group.',
    default: 30,
  },
  {
    name: 'registry_prefix',
    type: 'string',
    description: 'SSM path prefix of the tenant registry (/cognito-tenancy/<env>).',
  },
  { name: 'tenant_table_name', type: 'string', description: 'Name of the tenant DynamoDB table.' },
  { name: 'tenant_table_arn', type: 'string', description: 'ARN of the tenant DynamoDB table.' },
  {
    name: 'revocation_table_name',
    type: 'string',
    description: 'Name of the revocations table (forced sign-out).',
  },
  {
    name: 'revocation_table_arn',
    type: 'string',
    description: 'ARN of the revocations table (forced sign-out).',
  },
  {
    name: 'revocation_ttl_seconds',
    type: 'number',
    description: 'How long a revocation item lives past its cut-off.',
  },
  { name: 'pets_table_name', type: 'string', description: 'Name of the pets table (the sample service).' },
  { name: 'pets_table_arn', type: 'string', description: 'ARN of the pets table (the sample service).' },
  {
    name: 'cors_allowed_origins',
    type: 'list',
    description: 'Browser origins allowed by CORS (scheme://host[:port]).',
  },
  {
    name: 'allowed_unregistered_hosts',
    type: 'list',
    description:
      'Hosts that are no registered tenant host where shared-pool tokens are accepted (ALLOWED_UNREGISTERED_HOSTS).',
  },
  {
    name: 'allow_unregistered_hosts',
    type: 'bool',
    description: 'True when API traffic may arrive on a host that is not a registered tenant host.',
  },
  {
    name: 'api_execution_arn',
    type: 'string',
    description: 'Execution ARN of the REST API that invokes the function.',
  },
  {
    name: 'extra_environment',
    type: 'map',
    description:
      'More variables (optional ones from the README environment table); they win over the defaults.',
    default: {},
  },
];

/** A placeholder for variable `name` (`list:` marks a list used whole). */
const token = (name: string) => `{{${name}}}`;
const listToken = (name: string) => `{{list:${name}}}`;
/** Placeholders the renderers fill with the caller's account, partition and region. */
export const ACCOUNT = {
  partition: '{{data:partition}}',
  region: '{{data:region}}',
  accountId: '{{data:account}}',
};
/** The function's own log group ARN. */
export const LOG_GROUP_ARN = '{{self:log_group_arn}}';

/** A permission for one principal and source. */
export interface InvokePermission {
  readonly statementId: string;
  readonly principal: string;
  readonly sourceArn: string;
  /** The account the source must belong to (Cognito's trigger grant). */
  readonly sourceAccount?: string;
}

export interface WiringModel {
  readonly lambda: LambdaName;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly runtime: string;
  readonly architecture: string;
  readonly handler: string;
  readonly trustPolicy: unknown;
  readonly statements: readonly PolicyStatement[];
  readonly environment: Readonly<Record<string, string>>;
  readonly permissions: readonly InvokePermission[];
  /** The variables this Lambda uses, in {@link VARIABLES} order. */
  readonly variables: readonly WiringVariable[];
}

function invokePermissions(lambda: LambdaName): InvokePermission[] {
  // Cognito triggers: one grant for the account's pools in the region, whatever the pools.
  if (lambda === 'pre-token-gen') return [triggerPermission(ACCOUNT)];
  const executionArn = token('api_execution_arn');
  if (lambda === 'authorizer') {
    // The team's API names the authorizer; any authorizer of that API may invoke it.
    return [
      {
        statementId: 'AllowApiGatewayAuthorizer',
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${executionArn}/authorizers/*`,
      },
    ];
  }
  return ROUTES.filter((route) =>
    'lambda' in route.target ? route.target.lambda === lambda : lambda === 'pets',
  ).map((route) => ({
    statementId: `AllowApiGateway-${route.method}-${route.path.replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 100),
    principal: 'apigateway.amazonaws.com',
    sourceArn: routeSourceArn(executionArn, route),
  }));
}

function usedTokens(value: unknown): Set<string> {
  const text = JSON.stringify(value);
  return new Set([...text.matchAll(/\{\{(?:list:)?([a-z_]+)\}\}/g)].map((m) => m[1] as string));
}

/** The wiring of `lambda`, with placeholders for everything a team supplies. */
export function wiringModel(lambda: LambdaName): WiringModel {
  const statements = functionStatements(lambda, {
    ctx: ACCOUNT,
    registryPrefix: token('registry_prefix'),
    tenantTableArn: token('tenant_table_arn'),
    revocationTableArn: token('revocation_table_arn'),
    petsTableArn: token('pets_table_arn'),
  });
  // Placeholders stand where infra passes a number or a flag: they are written as text anyway.
  // `allowUnregisteredHosts` (a flag) is being replaced by `unregisteredHosts` (a host list):
  // both are given, so the copy follows whichever shape lambda-environment.ts has.
  const environmentInputs = {
    registryPrefix: token('registry_prefix'),
    tenantTableName: token('tenant_table_name'),
    corsAllowedOrigins: [listToken('cors_allowed_origins')],
    unregisteredHosts: [listToken('allowed_unregistered_hosts')],
    allowUnregisteredHosts: token('allow_unregistered_hosts'),
    revocationTableName: token('revocation_table_name'),
    revocationTtlSeconds: token('revocation_ttl_seconds'),
    petsTableName: token('pets_table_name'),
  };
  const environment = lambdaEnvironment(lambda, environmentInputs as unknown as LambdaEnvironmentInputs);
  const permissions = invokePermissions(lambda);
  const used = usedTokens([statements, environment, permissions]);
  for (const always of ['function_name', 'zip_file', 'log_retention_days', 'extra_environment'])
    used.add(always);
  const unknown = [...used].filter((name) => !name.includes(':') && !VARIABLES.some((v) => v.name === name));
  if (unknown.length > 0) throw new Error(`copy-out: no variable declared for ${unknown.join(', ')}`);
  return {
    lambda,
    description: LAMBDA_DESCRIPTIONS[lambda],
    ...LAMBDA_SIZING[lambda],
    runtime: LAMBDA_RUNTIME,
    architecture: LAMBDA_ARCHITECTURE,
    handler: LAMBDA_HANDLER,
    trustPolicy: LAMBDA_TRUST_POLICY,
    statements: [...statements, loggingStatement(LOG_GROUP_ARN)],
    environment,
    permissions,
    variables: VARIABLES.filter((v) => used.has(v.name)),
  };
}
