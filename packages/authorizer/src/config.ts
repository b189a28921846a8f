/**
 * The authorizer's configuration, read once from the environment at cold start (specs in
 * `env-spec.ts`, read by the kit's `readEnv`). Every
 * problem is reported at once, so a misconfigured function fails at init, not on the
 * thousandth request. `process.env` is read nowhere else.
 */
import { type Env, readEnv } from '@cognito-tenancy/kit/read-env';
import { registryPrefix } from '@cognito-tenancy/registry/keys';
import { normalizeHost } from '@cognito-tenancy/registry/normalize';
import { ENV_SPECS, REVOCATION_SETTINGS } from './env-spec';
import { type LogLevelName, logLevelFrom } from './json-line-logger';

export { ConfigError } from '@cognito-tenancy/kit/read-env';

export type TokenUse = 'access' | 'id';

/** Request headers that may carry the tenant host when something in front overwrites them. */
export type TrustedHostHeader = 'host' | 'x-forwarded-host';

export interface AuthorizerConfig {
  /** SSM prefix of the registry (`/cognito-tenancy/<env>`). */
  readonly registryPrefix: string;
  /** Token uses accepted; `access` only unless configured. */
  readonly acceptedTokenUse: readonly TokenUse[];
  /** When set, only these pools can be trusted (still only if registered); hydrated at cold start. */
  readonly trustedUserPoolIds: readonly string[] | undefined;
  /**
   * Accept valid tokens on ANY host that is not a registered tenant host (the `execute-api`
   * default domain, TOKEN events). Cannot be combined with `allowedUnregisteredHosts`.
   */
  readonly allowUnregisteredHosts: boolean;
  /**
   * Unregistered hosts that are accepted, normalised (the shared tenants' email discovery
   * hosts); only shared-pool tokens are accepted there. Empty: every host must be registered.
   */
  readonly allowedUnregisteredHosts: readonly string[];
  /**
   * Read the tenant host from this request header instead of `requestContext.domainName`
   * (behind CloudFront, which overwrites it from the viewer's Host). Undefined: the domain.
   */
  readonly trustedHostHeader: TrustedHostHeader | undefined;
  /** Local-only: the loopback origin of cognito-local whose issuers may be trusted. */
  readonly localIssuerOrigin: string | undefined;
  readonly clockSkewSeconds: number;
  readonly registryTtlSeconds: number;
  readonly registryNegativeTtlSeconds: number;
  readonly registryStaleIfErrorSeconds: number;
  readonly ssmTimeoutMs: number;
  /** Log level from POWERTOOLS_LOG_LEVEL / AWS_LAMBDA_LOG_LEVEL (unknown values: INFO). */
  readonly logLevel: LogLevelName;
  /** Issuer loads per second per instance (burst: twice that); see registry-reader.ts. */
  readonly issuerLookupsPerSecond: number;
  readonly verifiedTokenTtlSeconds: number;
  readonly verifiedTokenCacheSize: number;
  readonly jwksTimeoutMs: number;
  readonly jwksCooldownSeconds: number;
  readonly jwksMaxAgeSeconds: number;
  readonly deadlineMs: number;
  readonly hydrationTimeoutMs: number;
  /** `stage`: Allow the whole stage (required with result caching). `method`: only the called method. */
  readonly policyScope: 'stage' | 'method';
  /** Forced sign-out check; off (undefined) unless `REVOCATION_TABLE_NAME` is set. */
  readonly revocation: RevocationConfig | undefined;
}

/** The revocations table and how its answers are cached. */
export interface RevocationConfig {
  readonly tableName: string;
  readonly cacheTtlSeconds: number;
  readonly staleIfErrorSeconds: number;
  /** Per-attempt DynamoDB request timeout (two attempts). */
  readonly timeoutMs: number;
}

const items = (value: string) => [...new Set(value.split(',').map((item) => item.trim()))];

/** Validates the environment; throws `ConfigError` listing every problem. */
export function loadConfig(env: Env): AuthorizerConfig {
  const v = readEnv('authorizer', ENV_SPECS, env, (values) => [
    ...((env.REVOCATION_TABLE_NAME ?? '').trim() === ''
      ? ((stray) => (stray.length > 0 ? [`${stray.join(', ')} set without REVOCATION_TABLE_NAME`] : []))(
          REVOCATION_SETTINGS.filter((name) => (env[name] ?? '') !== ''),
        )
      : []),
    // "Any host" would silently widen an explicit list: one or the other.
    ...(values.ALLOW_UNREGISTERED_HOSTS && values.ALLOWED_UNREGISTERED_HOSTS !== undefined
      ? [
          'ALLOW_UNREGISTERED_HOSTS=true and ALLOWED_UNREGISTERED_HOSTS are exclusive: keep the list and remove ALLOW_UNREGISTERED_HOSTS',
        ]
      : []),
  ]);
  return {
    registryPrefix: registryPrefix(v.REGISTRY_PREFIX),
    acceptedTokenUse: items(v.ACCEPTED_TOKEN_USE) as TokenUse[],
    trustedUserPoolIds: v.TRUSTED_USER_POOL_IDS === undefined ? undefined : items(v.TRUSTED_USER_POOL_IDS),
    allowUnregisteredHosts: v.ALLOW_UNREGISTERED_HOSTS,
    allowedUnregisteredHosts:
      v.ALLOWED_UNREGISTERED_HOSTS === undefined
        ? []
        : [
            ...new Set(
              items(v.ALLOWED_UNREGISTERED_HOSTS).flatMap((host) => {
                const normal = normalizeHost(host);
                return normal.ok ? [normal.value] : [];
              }),
            ),
          ],
    trustedHostHeader: v.TRUSTED_HOST_HEADER,
    localIssuerOrigin: v.LOCAL_ISSUER_ORIGIN,
    clockSkewSeconds: v.CLOCK_SKEW_SECONDS,
    registryTtlSeconds: v.REGISTRY_TTL_SECONDS,
    registryNegativeTtlSeconds: v.REGISTRY_NEGATIVE_TTL_SECONDS,
    registryStaleIfErrorSeconds: v.REGISTRY_STALE_IF_ERROR_SECONDS,
    ssmTimeoutMs: v.SSM_TIMEOUT_MS,
    logLevel: logLevelFrom(env),
    issuerLookupsPerSecond: v.REGISTRY_ISSUER_LOOKUPS_PER_SECOND,
    verifiedTokenTtlSeconds: v.VERIFIED_TOKEN_TTL_SECONDS,
    verifiedTokenCacheSize: v.VERIFIED_TOKEN_CACHE_SIZE,
    jwksTimeoutMs: v.JWKS_TIMEOUT_MS,
    jwksCooldownSeconds: v.JWKS_COOLDOWN_SECONDS,
    jwksMaxAgeSeconds: v.JWKS_MAX_AGE_SECONDS,
    deadlineMs: v.DEADLINE_MS,
    hydrationTimeoutMs: v.HYDRATION_TIMEOUT_MS,
    policyScope: v.POLICY_SCOPE,
    revocation:
      v.REVOCATION_TABLE_NAME === undefined
        ? undefined
        : {
            tableName: v.REVOCATION_TABLE_NAME,
            cacheTtlSeconds: v.REVOCATION_CACHE_TTL_SECONDS,
            staleIfErrorSeconds: v.REVOCATION_STALE_IF_ERROR_SECONDS,
            timeoutMs: v.REVOCATION_TIMEOUT_MS,
          },
  };
}
