/**
 * The parts of a tenancy user pool, as functions that add children to a given scope under
 * fixed ids: the hardened pool and its hosted UI domain, a tenant's SAML IdP, and the public
 * app client. {@link TenancyUserPool} puts all three in one construct (one-stack layout); a
 * shared tenant's stack adds an IdP and a client to its shard's pool (tenant-stacks layout).
 */
import { CognitoIdentityProvider } from '@cdktf/provider-aws/lib/cognito-identity-provider/index.js';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain/index.js';
import {
  type PoolSettings,
  type Tenant,
  tenantCallbackUrls,
  tenantLogoutUrls,
} from '@cognito-tenancy/registry/environment';
import type { Construct } from 'constructs';
import { type AwsContext, hostedUiDomain } from '../aws-context';
import {
  APP_CLIENT_OAUTH,
  CUSTOM_ATTRIBUTES,
  clientReadAttributes,
  clientWriteAttributes,
  MAX_CLIENT_URLS,
  MAX_IDP_IDENTIFIER_LENGTH,
  triggerVersion,
} from '../pool-policy';
import { computedProviderDetails, samlAttributeMapping, samlProviderDetails } from '../saml-metadata';

/** Too many URLs or identity providers for one app client. */
export class PoolLimitError extends Error {
  override readonly name = 'PoolLimitError';
}

export interface PoolCoreProps {
  readonly ctx: AwsContext;
  readonly poolName: string;
  readonly settings: PoolSettings;
  /** The file's `deletionProtection`; the pool settings' own `deletionProtection` wins. */
  readonly deletionProtection: boolean;
  /** ARN of pre-token-gen, when this pool's settings turn the trigger on. */
  readonly triggerArn?: string;
}

/** The hardened pool (`pool`) and its hosted UI domain (`domain`), children of `scope`. */
export function poolCore(scope: Construct, props: PoolCoreProps) {
  const { settings } = props;
  const version = props.triggerArn === undefined ? undefined : triggerVersion(settings.featurePlan);
  const pool = new CognitoUserPool(scope, 'pool', {
    name: props.poolName,
    userPoolTier: settings.featurePlan,
    deletionProtection: (settings.deletionProtection ?? props.deletionProtection) ? 'ACTIVE' : 'INACTIVE',
    // Users arrive through their IdP; nobody signs up or recovers a password here.
    adminCreateUserConfig: { allowAdminCreateUserOnly: true },
    accountRecoverySetting: { recoveryMechanism: [{ name: 'admin_only', priority: 1 }] },
    usernameConfiguration: { caseSensitive: false },
    mfaConfiguration: 'OFF',
    passwordPolicy: {
      minimumLength: 16,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
      temporaryPasswordValidityDays: 1,
    },
    schema: CUSTOM_ATTRIBUTES.map((attribute) => ({
      name: attribute.name,
      attributeDataType: 'String',
      mutable: true,
      developerOnlyAttribute: false,
      required: false,
      stringAttributeConstraints: { minLength: '0', maxLength: String(attribute.maxLength) },
    })),
    ...(settings.featurePlan === 'PLUS' ? { userPoolAddOns: { advancedSecurityMode: 'ENFORCED' } } : {}),
    ...(props.triggerArn === undefined || version === undefined
      ? {}
      : {
          lambdaConfig: {
            // Both forms name the same function; the API reports both, so setting both keeps plans clean.
            preTokenGeneration: props.triggerArn,
            preTokenGenerationConfig: { lambdaArn: props.triggerArn, lambdaVersion: version },
          },
        }),
  });
  const domain = new CognitoUserPoolDomain(scope, 'domain', {
    domain: settings.domainPrefix,
    userPoolId: pool.id,
  });
  return { pool, domain, hostedUiDomain: hostedUiDomain(props.ctx, settings.domainPrefix) };
}

export interface SamlIdpProps {
  readonly userPoolId: string;
  readonly tenant: Tenant;
  /** Directory of the environment file (metadata files are relative to it) and its name for messages. */
  readonly baseDir: string;
  readonly source: string;
}

/** The tenant's SAML IdP (`idp-<tenant id>`), and warnings about identifiers Cognito cannot hold. */
export function samlIdentityProvider(scope: Construct, props: SamlIdpProps) {
  const { tenant } = props;
  const warnings = tenant.emailDomains
    .filter((d) => d.length > MAX_IDP_IDENTIFIER_LENGTH)
    .map(
      (domain) =>
        `${props.source}: tenant '${tenant.id}': email domain '${domain}' is longer than ${MAX_IDP_IDENTIFIER_LENGTH} characters, so it is not an IdP identifier (sign-in through identity_provider=${tenant.idp.name} still works)`,
    );
  const provider = new CognitoIdentityProvider(scope, `idp-${tenant.id}`, {
    userPoolId: props.userPoolId,
    providerName: tenant.idp.name,
    providerType: 'SAML',
    providerDetails: samlProviderDetails(tenant, props.baseDir, props.source),
    attributeMapping: samlAttributeMapping(tenant),
    // Cognito routes `idp_identifier=<email domain>` to this IdP (identifiers hold 40 characters).
    idpIdentifiers: tenant.emailDomains.filter((domain) => domain.length <= MAX_IDP_IDENTIFIER_LENGTH),
    lifecycle: { ignoreChanges: computedProviderDetails(tenant) },
  });
  return { provider, warnings };
}

export interface AppClientProps {
  readonly clientName: string;
  readonly userPoolId: string;
  readonly settings: PoolSettings;
  /** The tenants whose IdPs the client offers. */
  readonly tenants: readonly Tenant[];
  readonly providers: readonly CognitoIdentityProvider[];
  /** For messages: the environment file and the pool. */
  readonly source: string;
  readonly poolName: string;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The public app client (`client`): code flow with the tenants' IdPs only. */
export function appClient(scope: Construct, props: AppClientProps): CognitoUserPoolClient {
  const { tenants } = props;
  const callbackUrls = distinct(tenants.flatMap(tenantCallbackUrls));
  const logoutUrls = distinct(tenants.flatMap(tenantLogoutUrls));
  for (const [what, urls] of [
    ['callback', callbackUrls],
    ['logout', logoutUrls],
  ] as const) {
    if (urls.length > MAX_CLIENT_URLS) {
      throw new PoolLimitError(
        `${props.source}: pool '${props.poolName}' needs ${urls.length} ${what} URLs; an app client allows ${MAX_CLIENT_URLS} (share a callback host between shared tenants)`,
      );
    }
  }
  const tokens = props.settings.tokenValidity;
  return new CognitoUserPoolClient(scope, 'client', {
    name: props.clientName,
    userPoolId: props.userPoolId,
    generateSecret: false,
    ...APP_CLIENT_OAUTH,
    supportedIdentityProviders: tenants.map((tenant) => tenant.idp.name),
    callbackUrls,
    logoutUrls,
    readAttributes: clientReadAttributes(),
    writeAttributes: clientWriteAttributes(tenants),
    accessTokenValidity: tokens.accessTokenMinutes,
    idTokenValidity: tokens.idTokenMinutes,
    refreshTokenValidity: tokens.refreshTokenDays,
    tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
    // The IdPs must exist before a client can name them.
    dependsOn: [...props.providers],
  });
}
