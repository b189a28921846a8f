/**
 * Every environment variable the pets service reads, declared once: `loadConfig` reads them,
 * infra's contract test checks what infra sets against them, the README's table lists them.
 */
import { awsCallSpecs } from '@cognito-tenancy/kit/aws-client';
import { cacheSpecs } from '@cognito-tenancy/kit/cache-specs';
import { int, tableName } from '@cognito-tenancy/kit/env-spec';
import { corsAllowedOrigins } from '@cognito-tenancy/kit/origins';

// A changed admin group takes effect within the TTL.
const TENANT_CACHE_DEFAULTS = { ttl: 60, negativeTtl: 60, staleIfError: 300 };
const TENANT_CACHE_MAX = { ttl: 3600, negativeTtl: 3600, staleIfError: 86_400 };

/** The pets service's variables. */
export const ENV_SPECS = {
  TENANT_TABLE_NAME: tableName(
    "The registry's tenant table (`TENANT#<tenantId>` items: the tenant's admin group)",
  ),
  PETS_TABLE_NAME: tableName('The pets table (`pk` = `TENANT#<tenantId>`, `sk` = `PET#<petId>`)'),
  CORS_ALLOWED_ORIGINS: corsAllowedOrigins('Exact origins allowed to call from a browser; `*` is refused'),
  PETS_LIST_LIMIT: int({
    description: 'Most pets one `GET /pets` returns (one Query page)',
    default: 100,
    min: 1,
    max: 1000,
  }),
  ...cacheSpecs('TENANT_CACHE_', 'a tenant record (admin group)', TENANT_CACHE_DEFAULTS, TENANT_CACHE_MAX),
  ...awsCallSpecs({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 }),
};
