/**
 * The Lambda functions infra deploys. The list is the workspace's Lambda packages, read
 * from their manifests (`cognitoTenancy.lambda` in `packages/<name>/package.json`): the one
 * list that build (`scripts/build`), infra and the local stack's build check share. The
 * tables below are infra's own data per function; a package without them stops synth.
 * `pnpm build` writes `packages/<name>/dist/<name>.zip`; synth never bundles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Sizing per function. Timeouts stay far inside the callers' limits (Cognito waits 5 s for a trigger). */
export const LAMBDA_SIZING = {
  'config-resolver': { memorySize: 256, timeout: 6 },
  'tenant-match': { memorySize: 256, timeout: 6 },
  // Signature verification is CPU-bound; more memory buys more CPU and faster cold starts.
  authorizer: { memorySize: 512, timeout: 6 },
  'pre-token-gen': { memorySize: 256, timeout: 5 },
  // Up to five bounded AWS calls (2 attempts x 3 s each at most) stay inside API Gateway's 29 s.
  'sign-out': { memorySize: 256, timeout: 28 },
  // The sample service behind `{proxy+}` when the environment names no serviceUrl.
  // Two DynamoDB calls at most per request, inside API Gateway's 29 s.
  pets: { memorySize: 256, timeout: 10 },
} as const satisfies Record<string, { memorySize: number; timeout: number }>;

/** A function infra knows how to wire (sizing, environment, permissions). */
export type LambdaName = keyof typeof LAMBDA_SIZING;

/** What each function does, for the AWS console. */
export const LAMBDA_DESCRIPTIONS: Readonly<Record<LambdaName, string>> = {
  'config-resolver': 'GET /config: sign-in configuration of the tenant served on the request host',
  'tenant-match': 'POST /tenant-match: tenant and identity provider of an email domain',
  authorizer: 'REQUEST authorizer: JWT of the tenant trusted pool only, tenant context for the service',
  'pre-token-gen': 'Cognito Pre Token Generation: tenant and group claims bound to the IdP',
  'sign-out': 'POST /admin/users/{sub}/sign-out: forced sign-out of a tenant user by a tenant admin',
  pets: 'ANY /{proxy+}: the sample pets service (tenant from the authorizer context only)',
};

/** The workspace's `packages/` directory. */
export const PACKAGES_DIR = resolve(import.meta.dirname, '..', '..', 'packages');

/** Package names under `dir` whose manifest declares `cognitoTenancy.lambda`, sorted. */
export function lambdaPackageNames(dir: string = PACKAGES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => {
      const manifest = join(dir, name, 'package.json');
      return (
        existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, 'utf8')).cognitoTenancy?.lambda)
      );
    })
    .sort();
}

/**
 * The manifests' Lambdas, each checked to be one infra wires; a Lambda package infra does
 * not know (or a known one that lost its manifest entry) stops synth with the fix.
 */
export function wiredLambdas(names: readonly string[]): LambdaName[] {
  const known = Object.keys(LAMBDA_SIZING);
  const unknown = names.filter((name) => !known.includes(name));
  const missing = known.filter((name) => !names.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(
      [
        ...unknown.map(
          (name) =>
            `packages/${name} declares a Lambda infra does not wire: add it to LAMBDA_SIZING, LAMBDA_DESCRIPTIONS, lambdaEnvironment and functionStatements`,
        ),
        ...missing.map(
          (name) =>
            `infra wires '${name}' but no package manifest declares it (cognitoTenancy.lambda in packages/${name}/package.json)`,
        ),
      ].join('\n'),
    );
  }
  return names as LambdaName[];
}

/** The Lambda functions infra deploys: the workspace's Lambda packages. */
export const LAMBDA_FUNCTIONS: readonly LambdaName[] = wiredLambdas(lambdaPackageNames());
