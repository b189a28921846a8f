/**
 * A Cognito user pool for one dedicated tenant or for all shared tenants: hardened pool,
 * one SAML IdP per tenant (IdP identifiers = the tenant's email domains), a hosted UI
 * domain, and one public app client limited to the code flow with the pool's IdPs.
 * The parts are built by pool-parts.ts.
 */
import type { CognitoIdentityProvider } from '@cdktf/provider-aws/lib/cognito-identity-provider/index.js';
import type { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import type { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import type { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain/index.js';
import type { Tenant } from '@cognito-tenancy/registry/environment';
import type { PoolIdentifiers } from '@cognito-tenancy/registry/registry-entries';
import { Construct } from 'constructs';
import { cognitoIssuerUrl } from '../aws-context';
import { appClient, type PoolCoreProps, poolCore, samlIdentityProvider } from './pool-parts';
import { publishPoolId } from './shard-pool';

export { PoolLimitError } from './pool-parts';

export interface TenancyUserPoolProps extends PoolCoreProps {
  /** The dedicated tenant, or every shared tenant. */
  readonly tenants: readonly Tenant[];
  /** Directory of the environment file (metadata files are relative to it) and its name for messages. */
  readonly baseDir: string;
  readonly source: string;
  /**
   * A shard of the shared pool with `sharedTenantClients`: each tenant also gets an app client
   * of its own (`sign-in-<id>/client`, named `<pool name>-<id>`, as in its tenant stack), and the
   * pool id is published at this parameter name, as the tenant-stacks platform does.
   */
  readonly tenantClients?: { readonly publishedAs: string };
}

export class TenancyUserPool extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;
  readonly domain: CognitoUserPoolDomain;
  readonly providers: ReadonlyMap<string, CognitoIdentityProvider>;
  /** Each tenant's own app client (`tenantClients`), by tenant id; empty otherwise. */
  readonly tenantClients: ReadonlyMap<string, CognitoUserPoolClient>;
  /** Hosted UI domain without scheme. */
  readonly hostedUiDomain: string;
  readonly identifiers: PoolIdentifiers;
  /** Things the operator should know that do not stop the deploy. */
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: TenancyUserPoolProps) {
    super(scope, id);
    const core = poolCore(this, props);
    this.pool = core.pool;
    this.domain = core.domain;
    this.hostedUiDomain = core.hostedUiDomain;

    const providers = new Map<string, CognitoIdentityProvider>();
    const warnings: string[] = [];
    for (const tenant of props.tenants) {
      const idp = samlIdentityProvider(this, { ...props, userPoolId: this.pool.id, tenant });
      providers.set(tenant.id, idp.provider);
      warnings.push(...idp.warnings);
    }
    this.providers = providers;
    this.warnings = warnings;
    this.client = appClient(this, {
      clientName: `${props.poolName}-web`,
      userPoolId: this.pool.id,
      settings: props.settings,
      tenants: props.tenants,
      providers: [...providers.values()],
      source: props.source,
      poolName: props.poolName,
    });
    const tenantClients = new Map<string, CognitoUserPoolClient>();
    if (props.tenantClients !== undefined) {
      publishPoolId(this, this.pool.id, props.tenantClients.publishedAs);
      for (const tenant of props.tenants) {
        const provider = providers.get(tenant.id) as CognitoIdentityProvider;
        const client = appClient(new Construct(this, `sign-in-${tenant.id}`), {
          clientName: `${props.poolName}-${tenant.id}`,
          userPoolId: this.pool.id,
          settings: props.settings,
          tenants: [tenant],
          providers: [provider],
          source: props.source,
          poolName: props.poolName,
        });
        tenantClients.set(tenant.id, client);
      }
    }
    this.tenantClients = tenantClients;
    this.identifiers = {
      userPoolId: this.pool.id,
      clientId: this.client.id,
      cognitoDomain: this.hostedUiDomain,
      issuer: cognitoIssuerUrl(props.ctx, this.pool.id),
    };
  }
}
