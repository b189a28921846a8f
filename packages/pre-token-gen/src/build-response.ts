/**
 * Builds the trigger's `response` for V1 and V2 events. Only two claims are ever added
 * (`custom:tenantName`, `custom:domainName`) and groups go through the group override,
 * so no reserved claim (`iss`, `sub`, `aud`, `exp`, `identities`, `cognito:*`, ...) can be
 * emitted. Values a user wrote into the two custom attributes are overridden or suppressed.
 */
import type { TriggerEvent } from './event';

export const TENANT_CLAIM = 'custom:tenantName';
export const DOMAIN_CLAIM = 'custom:domainName';
/** The claims this trigger sets or suppresses, and nothing else (see the reserved-claim tests). */
export const OWN_CLAIMS: readonly string[] = [TENANT_CLAIM, DOMAIN_CLAIM];
/** cognito-local applies only `claimsToAddOrOverride`, so local events carry groups there too. */
const LOCAL_GROUPS_CLAIM = 'cognito:groups';

/** What the token should say: a bound tenant, or (where configured) no tenant at all. */
export type Claims =
  | {
      readonly kind: 'tenant';
      readonly tenantId: string;
      readonly emailDomain: string | undefined;
      readonly groups: readonly string[];
    }
  | { readonly kind: 'no-tenant' };

export interface TokenClaims {
  readonly claimsToAddOrOverride: Readonly<Record<string, string | readonly string[]>>;
  readonly claimsToSuppress: readonly string[];
}

export interface GroupOverride {
  readonly groupsToOverride: readonly string[];
  /** Always empty: tokens never carry IAM roles from this trigger. */
  readonly iamRolesToOverride: readonly string[];
}

export interface V1Response {
  readonly claimsOverrideDetails: TokenClaims & { readonly groupOverrideDetails: GroupOverride };
}

export interface V2Response {
  readonly claimsAndScopeOverrideDetails: {
    readonly idTokenGeneration: TokenClaims;
    readonly accessTokenGeneration: TokenClaims;
    readonly groupOverrideDetails: GroupOverride;
  };
}

function tokenClaims(claims: Claims): TokenClaims {
  if (claims.kind === 'no-tenant') return { claimsToAddOrOverride: {}, claimsToSuppress: [...OWN_CLAIMS] };
  const add: Record<string, string> = { [TENANT_CLAIM]: claims.tenantId };
  if (claims.emailDomain !== undefined) add[DOMAIN_CLAIM] = claims.emailDomain;
  return {
    claimsToAddOrOverride: add,
    claimsToSuppress: claims.emailDomain === undefined ? [DOMAIN_CLAIM] : [],
  };
}

/** The `response` object for `event`'s version. */
export function buildResponse(event: TriggerEvent, claims: Claims): V1Response | V2Response {
  const groups = claims.kind === 'tenant' ? [...claims.groups] : [];
  const groupOverrideDetails: GroupOverride = { groupsToOverride: groups, iamRolesToOverride: [] };
  const token = tokenClaims(claims);
  if (event.version === 2) {
    return {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: token,
        accessTokenGeneration: token,
        groupOverrideDetails,
      },
    };
  }
  const local = event.local
    ? { ...token, claimsToAddOrOverride: { ...token.claimsToAddOrOverride, [LOCAL_GROUPS_CLAIM]: groups } }
    : token;
  return { claimsOverrideDetails: { ...local, groupOverrideDetails } };
}
