/**
 * Reads a Pre Token Generation event (V1 or V2) from `unknown`. Cognito is the only
 * caller, but the trigger still validates every field it uses, so a surprising event
 * is refused (fail closed) instead of half-read.
 */
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import { UnsupportedEventError } from './errors';

/** Every user sign-in source of V1 and V2 events. */
export const TRIGGER_SOURCES = [
  'TokenGeneration_HostedAuth',
  'TokenGeneration_Authentication',
  'TokenGeneration_NewPasswordChallenge',
  'TokenGeneration_AuthenticateDevice',
  'TokenGeneration_RefreshTokens',
] as const;

export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/** The response shape to produce: V1 (`claimsOverrideDetails`) or V2 (`claimsAndScopeOverrideDetails`). */
export type EventVersion = 1 | 2;

export interface TriggerEvent {
  readonly version: EventVersion;
  /** True for cognito-local's `version: "0"` events, accepted only in local compatibility mode. */
  readonly local: boolean;
  readonly triggerSource: TriggerSource;
  readonly userPoolId: string;
  /** String-valued user attributes (null prototype: a `__proto__` attribute is just a key). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The Cognito groups the user is in (`request.groupConfiguration.groupsToOverride`). */
  readonly cognitoGroups: readonly string[];
}

type Fields = Readonly<Record<string, unknown>>;

function fields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function own(object: Fields, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function version(event: Fields, cognitoLocalCompat: boolean): { version: EventVersion; local: boolean } {
  const value = own(event, 'version');
  if (value === '1') return { version: 1, local: false };
  if (value === '2') return { version: 2, local: false };
  // cognito-local sends "0" with region "local"; real Cognito never does. V1 shape.
  if (value === '0' && cognitoLocalCompat && own(event, 'region') === 'local')
    return { version: 1, local: true };
  throw new UnsupportedEventError('unsupported-version');
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const object = fields(value);
  if (!object) throw new UnsupportedEventError('unsupported-event');
  for (const key of Object.keys(object)) {
    const v = object[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

function groupList(request: Fields): string[] {
  const config = fields(own(request, 'groupConfiguration'));
  const groups = config ? own(config, 'groupsToOverride') : undefined;
  if (!Array.isArray(groups)) return [];
  return groups.filter((g): g is string => typeof g === 'string');
}

/** Validates `raw` as a Pre Token Generation event. Throws {@link UnsupportedEventError}. */
export function parseEvent(raw: unknown, options: { readonly cognitoLocalCompat: boolean }): TriggerEvent {
  const event = fields(raw);
  if (!event) throw new UnsupportedEventError('unsupported-event');
  const v = version(event, options.cognitoLocalCompat);
  const triggerSource = own(event, 'triggerSource');
  if (!(TRIGGER_SOURCES as readonly unknown[]).includes(triggerSource)) {
    throw new UnsupportedEventError('unsupported-event');
  }
  const userPoolId = own(event, 'userPoolId');
  if (typeof userPoolId !== 'string' || !USER_POOL_ID.test(userPoolId)) {
    throw new UnsupportedEventError('unsupported-event');
  }
  const request = fields(own(event, 'request'));
  if (!request) throw new UnsupportedEventError('unsupported-event');
  return {
    ...v,
    triggerSource: triggerSource as TriggerSource,
    userPoolId,
    attributes: stringRecord(own(request, 'userAttributes')),
    cognitoGroups: groupList(request),
  };
}
