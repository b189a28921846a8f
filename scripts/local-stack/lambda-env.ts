/**
 * The environment of each function on the local stack: what infra sets in AWS, pointed
 * at the emulators, plus the explicit local-only switches each package documents:
 * - authorizer: `LOCAL_ISSUER_ORIGIN` (trust cognito-local's issuers; refused by the
 *   authorizer when `AWS_EXECUTION_ENV` says it runs in Lambda, so that is overridden
 *   here), `ACCEPTED_TOKEN_USE=access,id` (cognito-local puts pre-token-gen's claims in
 *   the ID token only) and `ALLOW_UNREGISTERED_HOSTS=true` (the shared tenants' app is
 *   one host for many tenants, `app.localhost`; registered tenant hosts stay bound);
 * - pre-token-gen: `COGNITO_LOCAL_COMPAT=true` (cognito-local's `version: "0"` events);
 * - sign-out: its Cognito endpoint is the admin shim in front of cognito-local
 *   (cognito-admin-shim.ts: cognito-local has no AdminUserGlobalSignOut).
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { EnvironmentPools } from '@cognito-tenancy/registry/registry-entries';
import type { FunctionName } from './build-check';
import { revocationTableName } from './dynamodb-revocation-table';
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
  /** sign-out's Cognito endpoint (the admin shim); cognito-local itself when absent. */
  readonly cognitoAdminEndpoint?: string;
  /** The authorizer's `REVOCATION_CACHE_TTL_SECONDS`; its default (30 s) when absent. */
  readonly revocationCacheTtlSeconds?: number;
}

/** Not in Lambda: lets local-only switches through the functions' own guards. */
const LOCAL_EXECUTION_ENV = 'cognito-tenancy-local-stack';

/** Environment variables per function. */
export function lambdaEnvironments(input: LambdaEnvInput): Record<FunctionName, Record<string, string>> {
  const common = { POWERTOOLS_LOG_LEVEL: 'INFO', AWS_EXECUTION_ENV: LOCAL_EXECUTION_ENV };
  const table = tenantTableName(input.env);
  const revocations = revocationTableName(input.env.environment);
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
      // Forced sign-out: on, as infra sets it.
      REVOCATION_TABLE_NAME: revocations,
      AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbUrl,
      ...(input.revocationCacheTtlSeconds === undefined
        ? {}
        : { REVOCATION_CACHE_TTL_SECONDS: String(input.revocationCacheTtlSeconds) }),
    },
    'pre-token-gen': {
      ...common,
      TENANT_TABLE_NAME: table,
      AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbUrl,
      COGNITO_LOCAL_COMPAT: 'true',
      ...(sharedPoolId ? { SHARED_USER_POOL_ID: sharedPoolId } : {}),
    },
    'sign-out': {
      ...common,
      TENANT_TABLE_NAME: table,
      REVOCATION_TABLE_NAME: revocations,
      AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbUrl,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: input.cognitoAdminEndpoint ?? input.cognitoEndpoint,
      CORS_ALLOWED_ORIGINS: cors,
    },
  };
}

/** Browser origins of the sign-in page: every tenant host, `app.localhost` and `localhost`, on the page's port. */
export function pageOrigins(env: ResolvedEnvironment, webPort: number): string[] {
  const hosts = ['localhost', 'app.localhost', ...env.tenants.flatMap((t) => t.hosts)];
  const configured = env.api?.corsOrigins ?? [];
  return [...new Set([...hosts.map((host) => `http://${host}:${webPort}`), ...configured])];
}
