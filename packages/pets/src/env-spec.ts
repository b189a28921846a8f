/**
 * Every environment variable the pets service reads, declared once: `loadConfig` reads them,
 * infra's contract test checks what infra sets against them, the README's table lists them.
 */
import { awsCallSpecs } from '@cognito-tenancy/kit/aws-client';
import { int, tableName } from '@cognito-tenancy/kit/env-spec';
import { corsAllowedOrigins } from '@cognito-tenancy/kit/origins';

const seconds = (description: string, fallback: number, max: number) =>
  int({ description, default: fallback, min: 0, max });

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
  TENANT_CACHE_TTL_SECONDS: seconds('How long a tenant record (admin group) is used', 60, 3600),
  TENANT_CACHE_NEGATIVE_TTL_SECONDS: seconds('How long "no record" is remembered', 60, 3600),
  TENANT_CACHE_STALE_IF_ERROR_SECONDS: seconds(
    'How long past its TTL a record is still used while the table fails',
    300,
    86_400,
  ),
  ...awsCallSpecs({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 }),
};
