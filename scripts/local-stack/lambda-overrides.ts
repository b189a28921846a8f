/**
 * The local stack's changes to the synthesized Lambda environments: each function gets the
 * variables infra synthesized for it (twin-stack.ts functionEnvironment) plus only these
 * overrides, each with its reason. lambda-env.ts, a second copy of the contract, is gone.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';

export interface LocalEndpoints {
  readonly ssmUrl: string;
  readonly dynamodbUrl: string;
  /** cognito-local's origin; the authorizer trusts issuers under it. */
  readonly cognitoEndpoint: string;
  /** The admin shim in front of cognito-local (AdminUserGlobalSignOut). */
  readonly cognitoAdminEndpoint: string;
  /** Browser origins of the local pages (web port). */
  readonly corsOrigins: readonly string[];
  /** `--revocation-cache-ttl`; absent: the authorizer's default. */
  readonly revocationCacheTtlSeconds?: number;
}

export interface LocalOverride {
  /** Package name, or `*` for every function. */
  readonly fn: string;
  readonly name: string;
  /** Only where the synthesized environment has the variable (`CORS_ALLOWED_ORIGINS`). */
  readonly onlyIfSynthesized?: boolean;
  readonly value: (local: LocalEndpoints) => string | undefined;
  readonly reason: string;
}

/** Not in Lambda: lets local-only switches through the functions' own guards. */
export const LOCAL_EXECUTION_ENV = 'cognito-tenancy-local-stack';

export const LOCAL_OVERRIDES: readonly LocalOverride[] = [
  {
    fn: '*',
    name: 'AWS_EXECUTION_ENV',
    value: () => LOCAL_EXECUTION_ENV,
    reason: 'the functions refuse their local-only switches when this says they run in Lambda',
  },
  { fn: '*', name: 'AWS_ENDPOINT_URL_SSM', value: (l) => l.ssmUrl, reason: 'the Parameter Store stand-in' },
  {
    fn: '*',
    name: 'AWS_ENDPOINT_URL_DYNAMODB',
    value: (l) => l.dynamodbUrl,
    reason: 'dynalite (DynamoDB on loopback)',
  },
  {
    fn: '*',
    name: 'CORS_ALLOWED_ORIGINS',
    onlyIfSynthesized: true,
    value: (l) => l.corsOrigins.join(','),
    reason:
      'pages are served on the local web port of every *.localhost tenant host, another origin than the gateway port',
  },
  {
    fn: 'authorizer',
    name: 'LOCAL_ISSUER_ORIGIN',
    value: (l) => l.cognitoEndpoint,
    reason:
      "cognito-local's issuers are http://127.0.0.1:<port>/<pool id>, not cognito-idp.<region>.amazonaws.com",
  },
  {
    fn: 'authorizer',
    name: 'ACCEPTED_TOKEN_USE',
    value: () => 'access,id',
    reason: "cognito-local puts pre-token-gen's claims in the ID token only",
  },
  {
    fn: 'authorizer',
    name: 'ALLOW_UNREGISTERED_HOSTS',
    value: () => 'true',
    reason:
      "the shared tenants' app is one host for many tenants (app.localhost); registered tenant hosts stay bound",
  },
  {
    fn: 'authorizer',
    name: 'REVOCATION_CACHE_TTL_SECONDS',
    value: (l) =>
      l.revocationCacheTtlSeconds === undefined ? undefined : String(l.revocationCacheTtlSeconds),
    reason: '--revocation-cache-ttl (tests shorten it)',
  },
  {
    fn: 'pre-token-gen',
    name: 'COGNITO_LOCAL_COMPAT',
    value: () => 'true',
    reason: 'cognito-local sends version "0" trigger events',
  },
  {
    fn: 'sign-out',
    name: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
    value: (l) => l.cognitoAdminEndpoint,
    reason: 'cognito-local has no AdminUserGlobalSignOut; the admin shim answers it (cognito-admin-shim.ts)',
  },
];

/** `synthesized` plus the overrides that apply to package `fn`. */
export function withLocalOverrides(
  fn: string,
  synthesized: Readonly<Record<string, string>>,
  local: LocalEndpoints,
): Record<string, string> {
  const environment = { ...synthesized };
  for (const override of LOCAL_OVERRIDES) {
    if (override.fn !== '*' && override.fn !== fn) continue;
    if (override.onlyIfSynthesized && !(override.name in synthesized)) continue;
    const value = override.value(local);
    if (value !== undefined) environment[override.name] = value;
  }
  return environment;
}

/** Browser origins of the local pages: every tenant host, `app.localhost` and `localhost`, on the web port. */
export function pageOrigins(env: ResolvedEnvironment, webPort: number): string[] {
  const hosts = ['localhost', 'app.localhost', ...env.tenants.flatMap((t) => t.hosts)];
  const configured = env.api?.corsOrigins ?? [];
  return [...new Set([...hosts.map((host) => `http://${host}:${webPort}`), ...configured])];
}
