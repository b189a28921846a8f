/**
 * The environment variables of each function, by the names each package's `src/config.ts`
 * reads (see the package READMEs). Everything else keeps the package's documented default.
 */
import type { LambdaName } from './lambda-functions';

export interface LambdaEnvironmentInputs {
  readonly registryPrefix: string;
  readonly tenantTableName: string;
  /** Every shard of the shared pool that exists; absent or empty when the environment has no shared tenant. */
  readonly sharedUserPoolIds?: readonly string[];
  /** Browser origins allowed by CORS (already origins: scheme://host[:port]). */
  readonly corsAllowedOrigins: readonly string[];
  /**
   * Hosts that are not registered tenant hosts on which the authorizer accepts tokens: a list
   * (ALLOWED_UNREGISTERED_HOSTS, shared-pool tokens only; behind CloudFront the shared
   * tenants' hosts, empty when there are none) or `any` (ALLOW_UNREGISTERED_HOSTS=true: the
   * API is reached on its execute-api domain, where no tenant host exists).
   */
  readonly unregisteredHosts: 'any' | readonly string[];
  /** The revocations table (forced sign-out); absent without an API. */
  readonly revocationTableName?: string;
  /** How long a revocation item lives past its cut-off (see revocation-ttl.ts). */
  readonly revocationTtlSeconds?: number;
  /** The pets table (the sample service); absent when the environment names a serviceUrl. */
  readonly petsTableName?: string;
  /** The header CloudFront sets to the viewer's host (hosting); absent: the custom domain decides. */
  readonly trustedHostHeader?: string;
  /** Dev without DNS: tenants are registered on their distribution's own cloudfront.net name. */
  readonly allowDistributionHosts?: boolean;
}

function common(name: LambdaName): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: name, POWERTOOLS_LOG_LEVEL: 'INFO' };
}

/** The variables of function `name`. */
export function lambdaEnvironment(name: LambdaName, inputs: LambdaEnvironmentInputs): Record<string, string> {
  const cors = inputs.corsAllowedOrigins.join(',');
  switch (name) {
    case 'config-resolver':
      return {
        ...common(name),
        REGISTRY_PREFIX: inputs.registryPrefix,
        CORS_ALLOWED_ORIGINS: cors,
        ...(inputs.trustedHostHeader === undefined ? {} : { TRUSTED_HOST_HEADER: inputs.trustedHostHeader }),
        ...(inputs.allowDistributionHosts === true ? { ALLOW_DISTRIBUTION_HOSTS: 'true' } : {}),
      };
    case 'tenant-match':
      return { ...common(name), TENANT_TABLE_NAME: inputs.tenantTableName, CORS_ALLOWED_ORIGINS: cors };
    case 'authorizer':
      // No TRUSTED_USER_POOL_IDS: pinning pools here would change the platform's function
      // whenever a tenant is added (issue #21). The registry is the trust root: whoever can
      // write SSM parameters under REGISTRY_PREFIX can add an issuer (infra README, "Trust").
      return {
        ...common(name),
        REGISTRY_PREFIX: inputs.registryPrefix,
        ...(inputs.unregisteredHosts === 'any'
          ? { ALLOW_UNREGISTERED_HOSTS: 'true' }
          : inputs.unregisteredHosts.length === 0
            ? {}
            : { ALLOWED_UNREGISTERED_HOSTS: inputs.unregisteredHosts.join(',') }),
        // Behind CloudFront: bind tokens to the host CloudFront forwards, as config-resolver resolves it.
        ...(inputs.trustedHostHeader === undefined ? {} : { TRUSTED_HOST_HEADER: inputs.trustedHostHeader }),
        // Forced sign-out: the check is on whenever the table exists (other settings: defaults).
        ...(inputs.revocationTableName === undefined
          ? {}
          : { REVOCATION_TABLE_NAME: inputs.revocationTableName }),
      };
    case 'pre-token-gen':
      return {
        ...common(name),
        TENANT_TABLE_NAME: inputs.tenantTableName,
        ...(inputs.sharedUserPoolIds === undefined || inputs.sharedUserPoolIds.length === 0
          ? {}
          : { SHARED_USER_POOL_IDS: inputs.sharedUserPoolIds.join(',') }),
      };
    case 'sign-out':
      if (inputs.revocationTableName === undefined || inputs.revocationTtlSeconds === undefined) {
        throw new Error('sign-out needs the revocations table and its TTL');
      }
      return {
        ...common(name),
        TENANT_TABLE_NAME: inputs.tenantTableName,
        REVOCATION_TABLE_NAME: inputs.revocationTableName,
        REVOCATION_TTL_SECONDS: String(inputs.revocationTtlSeconds),
        CORS_ALLOWED_ORIGINS: cors,
      };
    case 'pets':
      if (inputs.petsTableName === undefined) throw new Error('pets needs its table');
      return {
        ...common(name),
        TENANT_TABLE_NAME: inputs.tenantTableName,
        PETS_TABLE_NAME: inputs.petsTableName,
        CORS_ALLOWED_ORIGINS: cors,
      };
  }
}
