/**
 * The three variables of a TTL cache (`<prefix>TTL_SECONDS`, `<prefix>NEGATIVE_TTL_SECONDS`,
 * `<prefix>STALE_IF_ERROR_SECONDS`), their specs and the milliseconds they become.
 */
import { int } from './env-spec';

/** Seconds of each of the three, as defaults or as maxima. */
export interface CacheSeconds {
  readonly ttl: number;
  readonly negativeTtl: number;
  readonly staleIfError: number;
}

type CacheName<P extends string> =
  | `${P}TTL_SECONDS`
  | `${P}NEGATIVE_TTL_SECONDS`
  | `${P}STALE_IF_ERROR_SECONDS`;

/** The specs; `what` names the cached thing in the descriptions (`a tenant record`). */
export function cacheSpecs<P extends string>(
  prefix: P,
  what: string,
  defaults: CacheSeconds,
  max: CacheSeconds,
) {
  return {
    [`${prefix}TTL_SECONDS`]: int({
      description: `How long ${what} is reused`,
      default: defaults.ttl,
      min: 0,
      max: max.ttl,
    }),
    [`${prefix}NEGATIVE_TTL_SECONDS`]: int({
      description: `How long the absence of ${what} is remembered`,
      default: defaults.negativeTtl,
      min: 0,
      max: max.negativeTtl,
    }),
    [`${prefix}STALE_IF_ERROR_SECONDS`]: int({
      description: `How long past its TTL ${what} is still used while the store fails`,
      default: defaults.staleIfError,
      min: 0,
      max: max.staleIfError,
    }),
  } as Record<CacheName<P>, ReturnType<typeof int>>;
}

/** The TTL cache options, in milliseconds. */
export interface CacheTtls {
  readonly ttlMs: number;
  readonly negativeTtlMs: number;
  readonly staleIfErrorMs: number;
}

/** The TTL cache options (milliseconds) from the values read with {@link cacheSpecs}. */
export function cacheOf<P extends string>(
  values: Readonly<Record<CacheName<P>, number>>,
  prefix: P,
): CacheTtls {
  const seconds = (name: CacheName<P>) => values[name] * 1000;
  return {
    ttlMs: seconds(`${prefix}TTL_SECONDS`),
    negativeTtlMs: seconds(`${prefix}NEGATIVE_TTL_SECONDS`),
    staleIfErrorMs: seconds(`${prefix}STALE_IF_ERROR_SECONDS`),
  };
}
