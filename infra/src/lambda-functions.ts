/**
 * The Lambda functions infra deploys, and where their build artifacts live.
 * `pnpm build` writes `packages/<name>/dist/<name>.zip`; synth never bundles.
 */
export const LAMBDA_FUNCTIONS = [
  'config-resolver',
  'tenant-match',
  'authorizer',
  'pre-token-gen',
  'sign-out',
  // The sample service behind `{proxy+}` when the environment names no serviceUrl.
  'pets',
] as const;

export type LambdaName = (typeof LAMBDA_FUNCTIONS)[number];

/** Sizing per function. Timeouts stay far inside the callers' limits (Cognito waits 5 s for a trigger). */
export const LAMBDA_SIZING: Readonly<Record<LambdaName, { memorySize: number; timeout: number }>> = {
  'config-resolver': { memorySize: 256, timeout: 6 },
  'tenant-match': { memorySize: 256, timeout: 6 },
  // Signature verification is CPU-bound; more memory buys more CPU and faster cold starts.
  authorizer: { memorySize: 512, timeout: 6 },
  'pre-token-gen': { memorySize: 256, timeout: 5 },
  // Up to five bounded AWS calls (2 attempts x 3 s each at most) stay inside API Gateway's 29 s.
  'sign-out': { memorySize: 256, timeout: 28 },
  // Two DynamoDB calls at most per request, inside API Gateway's 29 s.
  pets: { memorySize: 256, timeout: 10 },
};

/** What each function does, for the AWS console. */
export const LAMBDA_DESCRIPTIONS: Readonly<Record<LambdaName, string>> = {
  'config-resolver': 'GET /config: sign-in configuration of the tenant served on the request host',
  'tenant-match': 'POST /tenant-match: tenant and identity provider of an email domain',
  authorizer: 'REQUEST authorizer: JWT of the tenant trusted pool only, tenant context for the service',
  'pre-token-gen': 'Cognito Pre Token Generation: tenant and group claims bound to the IdP',
  'sign-out': 'POST /admin/users/{sub}/sign-out: forced sign-out of a tenant user by a tenant admin',
  pets: 'ANY /{proxy+}: the sample pets service (tenant from the authorizer context only)',
};
