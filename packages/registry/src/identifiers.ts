/**
 * Formats of the identifiers that appear in keys and records. Each is strict enough that
 * a value can be placed in an SSM path or DynamoDB key without escaping.
 */

/** Tenant ids: lowercase, 3-32 chars; they appear in paths, tags and resource names. */
export const TENANT_ID = /^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$/;
/** Environment names: lowercase, 1-24 chars. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,23}$/;
/** Cognito user pool ids: `<region>_<id>`, and `local_<id>` for cognito-local. */
export const USER_POOL_ID = /^[a-z0-9-]{1,50}_[0-9a-zA-Z]{1,55}$/;
/**
 * Identity provider names. Cognito allows 1-32 characters; we also forbid `_` because
 * Cognito forms federated usernames as `<IdP>_<id>` and the authorizer splits there.
 */
export const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/;
/** AWS regions, and `local` for the emulators. */
export const REGION = /^(?:[a-z]{2}(?:-[a-z]+)+-\d|local)$/;
/** Cognito app client ids. */
export const CLIENT_ID = /^[\w+]{1,128}$/;
/** SSM parameter hierarchy prefix: 1-5 levels of `[A-Za-z0-9_.-]`. */
export const REGISTRY_PREFIX = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.-]{1,64}){1,5}$/;

/** Thrown by key builders when given something that is not already validated. */
export class RegistryKeyError extends Error {
  override readonly name = 'RegistryKeyError';
  constructor(readonly field: string) {
    super(`invalid ${field} for a registry key`);
  }
}

/** Returns `value` when it matches `pattern`, else throws {@link RegistryKeyError} naming `field`. */
export function assertFormat(field: string, pattern: RegExp, value: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new RegistryKeyError(field);
  return value;
}
