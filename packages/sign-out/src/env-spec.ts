/**
 * Every environment variable sign-out reads, declared once: `loadConfig` reads them, infra's
 * contract test checks what infra sets against them, the README's table lists them.
 */
import { awsCallSpecs } from '@cognito-tenancy/kit/aws-client';
import { cacheSpecs } from '@cognito-tenancy/kit/cache-specs';
import { int, tableName } from '@cognito-tenancy/kit/env-spec';
import { corsAllowedOrigins } from '@cognito-tenancy/kit/origins';

/** A day of the longest token Cognito issues (ID and access tokens live at most 24 h). */
export const MAX_TOKEN_SECONDS = 86_400;

// A changed admin group takes effect within the TTL.
const TENANT_CACHE_DEFAULTS = { ttl: 60, negativeTtl: 60, staleIfError: 300 };
const TENANT_CACHE_MAX = { ttl: 3600, negativeTtl: 3600, staleIfError: 86_400 };

/** sign-out's variables. */
export const ENV_SPECS = {
  TENANT_TABLE_NAME: tableName("The registry's tenant table (TENANT#<tenantId> items)"),
  REVOCATION_TABLE_NAME: tableName('The revocations table the authorizer reads'),
  REVOCATION_TTL_SECONDS: int({
    description:
      "How long an item lives past its cut-off (DynamoDB TTL): at least the longest ID/access token lifetime; infra sets that plus an hour, the default covers Cognito's maximum (24 h) plus an hour",
    // The longest token lifetime Cognito allows plus an hour.
    default: MAX_TOKEN_SECONDS + 3600,
    min: 300,
    max: 7 * MAX_TOKEN_SECONDS,
  }),
  CLOCK_SKEW_SECONDS: int({
    description: "Added to the cut-off (Cognito's clock stamping `iat` may run slightly ahead)",
    default: 1,
    min: 0,
    max: 30,
  }),
  CORS_ALLOWED_ORIGINS: corsAllowedOrigins(
    'Exact origins allowed to call the route from a browser; `*` is refused',
  ),
  ...cacheSpecs('TENANT_CACHE_', 'a tenant record (admin group)', TENANT_CACHE_DEFAULTS, TENANT_CACHE_MAX),
  ...awsCallSpecs({ requestTimeoutMs: 2000, connectionTimeoutMs: 1000, maxAttempts: 2 }),
};
