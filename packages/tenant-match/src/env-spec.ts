/**
 * Every environment variable tenant-match reads, declared once: `loadConfig` reads them,
 * infra's contract test checks what infra sets against them, the README's table lists them.
 */
import { awsCallSpecs } from '@cognito-tenancy/kit/aws-client';
import { int, tableName } from '@cognito-tenancy/kit/env-spec';
import { corsAllowedOrigins } from '@cognito-tenancy/kit/origins';

/** tenant-match's variables. */
export const ENV_SPECS = {
  TENANT_TABLE_NAME: tableName('DynamoDB tenant table (partition key `pk`, string; `DOMAIN#<domain>` items)'),
  CORS_ALLOWED_ORIGINS: corsAllowedOrigins(
    'Exact origins (`https://app.example.com,http://localhost:5173`); lowercase, punycode, no path, no default port; `*` is refused; none: no CORS headers',
  ),
  CACHE_TTL_SECONDS: int({
    description: 'How long a found tenant is served from memory',
    default: 300,
    min: 0,
    max: 86_400,
  }),
  CACHE_NEGATIVE_TTL_SECONDS: int({
    description: 'How long "no item for this domain" is remembered',
    default: 60,
    min: 0,
    max: 86_400,
  }),
  CACHE_STALE_IF_ERROR_SECONDS: int({
    description: 'How long past expiry an entry is still served when DynamoDB fails',
    default: 3600,
    min: 0,
    max: 604_800,
  }),
  CACHE_MAX_ENTRIES: int({
    description: 'Entries kept (LRU) per execution environment',
    default: 10_000,
    min: 1,
    max: 1_000_000,
  }),
  CACHE_MAX_CONCURRENT_LOADS: int({
    description:
      'Distinct domains read at once at most; more misses answer 503 at once (bounds the fan-out of an enumeration burst)',
    default: 32,
    min: 1,
    max: 10_000,
  }),
  ...awsCallSpecs({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 }, 'DYNAMODB_', {
    minTimeoutMs: 50,
    maxTimeoutMs: 30_000,
    maxAttempts: 5,
  }),
};
