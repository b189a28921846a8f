/**
 * Dev without DNS: a dedicated tenant whose host is its own distribution's
 * `*.cloudfront.net` name. The name exists only after apply, so infra registers it in the
 * same apply: a host record (the tenant's sign-in record with this host's callback URL)
 * and the callback and logout URLs on the tenant's app client. config-resolver and the
 * authorizer then treat that host like any registered tenant host; an unregistered
 * `*.cloudfront.net` host stays "never a tenant".
 */

import type { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import { type Tenant, tenantCallbackUrls, tenantLogoutUrls } from '@cognito-tenancy/registry/environment';
import { keyTemplates } from '@cognito-tenancy/registry/keys';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import { Construct } from 'constructs';
import { jsonAttribute } from '../json-attribute';

export interface DistributionTenantHostProps {
  readonly registryPrefix: string;
  readonly tenant: Tenant;
  /** The tenant's record on one of its file hosts (registryEntries), with deploy-time references. */
  readonly record: HostRecord;
  /** The distribution's domain name (a deploy-time reference). */
  readonly domainName: string;
  /** The tenant's app client (dedicated pool: this tenant only). */
  readonly client: CognitoUserPoolClient;
}

export class DistributionTenantHost extends Construct {
  readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, props: DistributionTenantHostProps) {
    super(scope, id);
    const origin = `https://${props.domainName}`;
    const record: HostRecord = { ...props.record, redirectUri: `${origin}/callback` };
    this.parameter = new SsmParameter(this, 'host', {
      // keyTemplates, not hostParameterName: the host is only known at apply (CloudFront names it).
      name: keyTemplates.hostParameter(props.registryPrefix, props.domainName),
      type: 'String',
      tier: 'Standard',
      value: jsonAttribute(this, record),
      description: 'cognito-tenancy host record (distribution host of a dev tenant)',
    });
    props.client.callbackUrls = [...new Set([...tenantCallbackUrls(props.tenant), `${origin}/callback`])];
    props.client.logoutUrls = [...new Set([...tenantLogoutUrls(props.tenant), `${origin}/`])];
  }
}
