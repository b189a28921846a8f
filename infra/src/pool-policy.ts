/**
 * The hardening every user pool and app client gets, as data: custom attributes, which
 * attributes clients may read and write, and the OAuth settings of the app client.
 */

import { DEFAULT_SCOPES } from '@cognito-tenancy/registry/authorize-url';
import type { PoolSettings, Tenant } from '@cognito-tenancy/registry/environment';

/** Custom attributes (`custom:<name>`). `groups` holds the IdP's groups: one attribute is 2,048 bytes. */
export const CUSTOM_ATTRIBUTES = [
  { name: 'groups', maxLength: 2048 },
  { name: 'tenantName', maxLength: 64 },
  { name: 'domainName', maxLength: 253 },
] as const;

/** Attributes that define the tenant: no app client may ever write them. */
export const TENANT_DEFINING_ATTRIBUTES = ['custom:tenantName', 'custom:domainName'] as const;

/** Cognito's limit on the length of an IdP identifier (the email domains). */
export const MAX_IDP_IDENTIFIER_LENGTH = 40;

/** Cognito's limit of callback URLs and of logout URLs per app client. */
export const MAX_CLIENT_URLS = 100;

/**
 * OAuth settings of every app client: authorization code only (the SPA adds PKCE), the
 * scopes the authorize URLs ask for (never `aws.cognito.signin.user.admin`, which would let
 * users call UpdateUserAttributes on themselves), refresh tokens with revocation, and no
 * hint whether a user exists.
 */
export const APP_CLIENT_OAUTH = {
  allowedOauthFlowsUserPoolClient: true,
  allowedOauthFlows: ['code'],
  allowedOauthScopes: [...DEFAULT_SCOPES],
  explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
  enableTokenRevocation: true,
  preventUserExistenceErrors: 'ENABLED',
  authSessionValidity: 3,
};

/** Attributes an app client may read. */
export function clientReadAttributes(): string[] {
  return [
    'email',
    'email_verified',
    'given_name',
    'family_name',
    ...CUSTOM_ATTRIBUTES.map((attribute) => `custom:${attribute.name}`),
  ];
}

/**
 * Attributes an app client may write: exactly those the tenants' SAML mappings fill
 * (Cognito refuses a federated sign-in whose mapped attributes the client cannot write).
 */
export function clientWriteAttributes(tenants: readonly Tenant[]): string[] {
  const mapped = new Set<string>(['email']);
  for (const tenant of tenants) {
    const m = tenant.idp.attributeMapping;
    if (m.given_name !== undefined) mapped.add('given_name');
    if (m.family_name !== undefined) mapped.add('family_name');
    if (m.groups !== undefined) mapped.add('custom:groups');
  }
  return [...mapped].sort();
}

/** V2 events (access token customisation) need the ESSENTIALS or PLUS feature plan. */
export function triggerVersion(plan: PoolSettings['featurePlan']): 'V1_0' | 'V2_0' {
  return plan === 'LITE' ? 'V1_0' : 'V2_0';
}
