/**
 * Dev without DNS, the shared tenants' side: the main distribution's `d<id>.cloudfront.net`
 * name is their host (the file's common host, e.g. `app.dev.example.com`, has no DNS and
 * cannot be an alias). The name exists only after apply, so infra registers it in the same
 * apply: the shared app client's callback and logout URLs, and the `redirectUri` of the
 * shared tenants' email domain items (what `POST /tenant-match` answers and the SPA signs in
 * with). The authorizer lists the same name as its only unregistered host (hosting.ts).
 */
import type { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import type { DynamodbTableItem } from '@cdktf/provider-aws/lib/dynamodb-table-item/index.js';
import type { RegistryItem } from '@cognito-tenancy/registry/registry-entries';
import { Construct } from 'constructs';
import { marshalItem } from '../dynamodb-json';
import { jsonAttribute } from '../json-attribute';

/** The tenant table's items (registryEntries) beside the resources RegistryStore made of them. */
export interface RegistryItemResources {
  readonly entries: readonly RegistryItem[];
  readonly resources: readonly DynamodbTableItem[];
}

/**
 * Points the email domain items of `tenantIds` at `https://<domainName>/callback` (a
 * deploy-time reference), keeping every other attribute as registryEntries wrote it.
 */
export function redirectDomainItems(
  scope: Construct,
  items: RegistryItemResources,
  tenantIds: ReadonlySet<string>,
  domainName: string,
): void {
  items.entries.forEach((entry, index) => {
    const resource = items.resources[index];
    const tenantId = (entry.item as { tenantId?: unknown }).tenantId;
    if (entry.kind !== 'domain' || resource === undefined || typeof tenantId !== 'string') return;
    if (!tenantIds.has(tenantId)) return;
    resource.item = jsonAttribute(
      scope,
      marshalItem({ ...entry.item, redirectUri: `https://${domainName}/callback` }),
    );
  });
}

export interface DistributionSharedHostProps {
  /** The shared tenants' ids. */
  readonly tenantIds: readonly string[];
  /** The main distribution's domain name (a deploy-time reference). */
  readonly domainName: string;
  /** The shared pool's app client (its URLs already hold the file's callback and logout URLs). */
  readonly client: CognitoUserPoolClient;
  readonly items: RegistryItemResources;
}

export class DistributionSharedHost extends Construct {
  constructor(scope: Construct, id: string, props: DistributionSharedHostProps) {
    super(scope, id);
    const origin = `https://${props.domainName}`;
    // The inputs (the file's URLs), not the attributes (references to the client itself).
    const callbacks = props.client.callbackUrlsInput ?? [];
    const logouts = props.client.logoutUrlsInput ?? [];
    props.client.callbackUrls = [...new Set([...callbacks, `${origin}/callback`])];
    props.client.logoutUrls = [...new Set([...logouts, `${origin}/`])];
    redirectDomainItems(this, props.items, new Set(props.tenantIds), props.domainName);
  }
}
