/**
 * A Cognito user pool for one dedicated tenant or for all shared tenants: hardened pool,
 * one SAML IdP per tenant (IdP identifiers = the tenant's email domains), a hosted UI
 * domain, and one public app client limited to the code flow with the pool's IdPs.
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
import type { PoolIdentifiers } from '@cognito-tenancy/registry/registry-entries';
import { Construct } from 'constructs';
import { type AwsContext, cognitoIssuerUrl, hostedUiDomain } from '../aws-context';
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

export interface TenancyUserPoolProps {
  readonly ctx: AwsContext;
  readonly poolName: string;
  readonly settings: PoolSettings;
  /** The dedicated tenant, or every shared tenant. */
  readonly tenants: readonly Tenant[];
  /** Directory of the environment file (metadata files are relative to it) and its name for messages. */
  readonly baseDir: string;
  readonly source: string;
  readonly deletionProtection: boolean;
  /** ARN of pre-token-gen, when this pool's settings turn the trigger on. */
  readonly triggerArn?: string;
}

/** Too many URLs or identity providers for one app client. */
export class PoolLimitError extends Error {
  override readonly name = 'PoolLimitError';
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export class TenancyUserPool extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;
  readonly domain: CognitoUserPoolDomain;
  readonly providers: ReadonlyMap<string, CognitoIdentityProvider>;
  /** Hosted UI domain without scheme. */
  readonly hostedUiDomain: string;
  readonly identifiers: PoolIdentifiers;
  /** Things the operator should know that do not stop the deploy. */
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: TenancyUserPoolProps) {
    super(scope, id);
    const { settings, tenants } = props;
    const version = props.triggerArn === undefined ? undefined : triggerVersion(settings.featurePlan);
    this.pool = new CognitoUserPool(this, 'pool', {
      name: props.poolName,
      userPoolTier: settings.featurePlan,
      deletionProtection: props.deletionProtection ? 'ACTIVE' : 'INACTIVE',
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
    this.domain = new CognitoUserPoolDomain(this, 'domain', {
      domain: settings.domainPrefix,
      userPoolId: this.pool.id,
    });
    this.hostedUiDomain = hostedUiDomain(props.ctx, settings.domainPrefix);

    const providers = new Map<string, CognitoIdentityProvider>();
    const warnings: string[] = [];
    for (const tenant of tenants) {
      for (const domain of tenant.emailDomains.filter((d) => d.length > MAX_IDP_IDENTIFIER_LENGTH)) {
        warnings.push(
          `${props.source}: tenant '${tenant.id}': email domain '${domain}' is longer than ${MAX_IDP_IDENTIFIER_LENGTH} characters, so it is not an IdP identifier (sign-in through identity_provider=${tenant.idp.name} still works)`,
        );
      }
      providers.set(
        tenant.id,
        new CognitoIdentityProvider(this, `idp-${tenant.id}`, {
          userPoolId: this.pool.id,
          providerName: tenant.idp.name,
          providerType: 'SAML',
          providerDetails: samlProviderDetails(tenant, props.baseDir, props.source),
          attributeMapping: samlAttributeMapping(tenant),
          // Cognito routes `idp_identifier=<email domain>` to this IdP (identifiers hold 40 characters).
          idpIdentifiers: tenant.emailDomains.filter((domain) => domain.length <= MAX_IDP_IDENTIFIER_LENGTH),
          lifecycle: { ignoreChanges: computedProviderDetails(tenant) },
        }),
      );
    }
    this.providers = providers;
    this.warnings = warnings;

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
    const tokens = settings.tokenValidity;
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: `${props.poolName}-web`,
      userPoolId: this.pool.id,
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
      dependsOn: [...providers.values()],
    });
    this.identifiers = {
      userPoolId: this.pool.id,
      clientId: this.client.id,
      cognitoDomain: this.hostedUiDomain,
      issuer: cognitoIssuerUrl(props.ctx, this.pool.id),
    };
  }
}
