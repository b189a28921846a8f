/**
 * A shared tenant's sign-in in its shard of the shared pool (tenant-stacks layout): its
 * SAML IdP and an app client of its own that offers only that IdP, so adding a tenant
 * never changes a client another tenant uses. The pool is the platform stack's.
 */
import type { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import type { PoolSettings, Tenant } from '@cognito-tenancy/registry/environment';
import { Construct } from 'constructs';
import { appClient, samlIdentityProvider } from './pool-parts';

export interface SharedTenantSignInProps {
  readonly userPoolId: string;
  /** The shard's pool name: the client is `<pool name>-<tenant id>`. */
  readonly poolName: string;
  readonly settings: PoolSettings;
  readonly tenant: Tenant;
  readonly baseDir: string;
  readonly source: string;
}

export class SharedTenantSignIn extends Construct {
  readonly client: CognitoUserPoolClient;
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: SharedTenantSignInProps) {
    super(scope, id);
    const idp = samlIdentityProvider(this, props);
    this.warnings = idp.warnings;
    this.client = appClient(this, {
      clientName: `${props.poolName}-${props.tenant.id}`,
      userPoolId: props.userPoolId,
      settings: props.settings,
      tenants: [props.tenant],
      providers: [idp.provider],
      source: props.source,
      poolName: props.poolName,
    });
  }
}
