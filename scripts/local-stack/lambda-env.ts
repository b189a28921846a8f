/**
 * The environment of each function on the local stack: what infra sets in AWS, pointed
 * at the emulators, plus the explicit local-only switches each package documents:
 * - authorizer: `LOCAL_ISSUER_ORIGIN` (trust cognito-local's issuers; refused by the
 *   authorizer when `AWS_EXECUTION_ENV` says it runs in Lambda, so that is overridden
 *   here), `ACCEPTED_TOKEN_USE=access,id` (cognito-local puts pre-token-gen's claims in
 *   the ID token only) and `ALLOW_UNREGISTERED_HOSTS=true` (the shared tenants' app is
 *   one host for many tenants, `app.localhost`; registered tenant hosts stay bound);
 * - pre-token-gen: `COGNITO_LOCAL_COMPAT=true` (cognito-local's `version: "0"` events).
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { EnvironmentPools } from '@cognito-tenancy/registry/registry-entries';
import type { FunctionName } from './build-check';
import { tenantTableName } from './seed';

export interface LambdaEnvInput {
  readonly env: ResolvedEnvironment;
  readonly ssmUrl: string;
  readonly dynamodbUrl: string;
  /** cognito-local's origin (`http://127.0.0.1:<port>`). */
  readonly cognitoEndpoint: string;
  /** Undefined before the pools exist (the first start of the functions). */
  readonly pools: EnvironmentPools | undefined;
  readonly corsOrigins: readonly string[];
}

/** Not in Lambda: lets local-only switches through the functions' own guards. */
const LOCAL_EXECUTION_ENV = 'cognito-tenancy-local-stack';

/** Environment variables per function. */
export function lambdaEnvironments(input: LambdaEnvInput): Record<FunctionName, Record<string, string>> {
  const common = { POWERTOOLS_LOG_LEVEL: 'INFO', AWS_EXECUTION_ENV: LOCAL_EXECUTION_ENV };
  const table = tenantTableName(input.env);
  const cors = input.corsOrigins.join(',');
  const dedicatedPoolIds = Object.values(input.pools?.dedicatedPools ?? {}).map((p) => p.userPoolId);
  const sharedPoolId = input.pools?.sharedPool?.userPoolId;
  const trusted = [...dedicatedPoolIds, ...(sharedPoolId ? [sharedPoolId] : [])];
  return {
    'config-resolver': {
      ...common,
      REGISTRY_PREFIX: input.env.registryPrefix,
      AWS_ENDPOINT_URL_SSM: input.ssmUrl,
      CORS_ALLOWED_ORIGINS: cors,
    },
    'tenant-match': {
      ...common,
      TENANT_TABLE_NAME: table,
      AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbUrl,
      CORS_ALLOWED_ORIGINS: cors,
    },
    authorizer: {
      ...common,
      REGISTRY_PREFIX: input.env.registryPrefix,
      AWS_ENDPOINT_URL_SSM: input.ssmUrl,
      LOCAL_ISSUER_ORIGIN: input.cognitoEndpoint,
      ACCEPTED_TOKEN_USE: 'access,id',
      ALLOW_UNREGISTERED_HOSTS: 'true',
      ...(trusted.length > 0 ? { TRUSTED_USER_POOL_IDS: trusted.join(',') } : {}),
    },
    'pre-token-gen': {
      ...common,
      TENANT_TABLE_NAME: table,
      AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbUrl,
      COGNITO_LOCAL_COMPAT: 'true',
      ...(sharedPoolId ? { SHARED_USER_POOL_ID: sharedPoolId } : {}),
    },
  };
}

/** Browser origins of the sign-in page: every tenant host, `app.localhost` and `localhost`, on the page's port. */
export function pageOrigins(env: ResolvedEnvironment, webPort: number): string[] {
  const hosts = ['localhost', 'app.localhost', ...env.tenants.flatMap((t) => t.hosts)];
  const configured = env.api?.corsOrigins ?? [];
  return [...new Set([...hosts.map((host) => `http://${host}:${webPort}`), ...configured])];
}
