/**
 * Moving a deployed one-stack environment into the tenant-stacks layout (issue #21) without
 * destroying or recreating anything: which resource of the old state each new stack adopts
 * (an `import` block, or for table items, which the pinned provider cannot import, the state
 * entry itself), and which old addresses the platform state lets go of (`removed` blocks with
 * `destroy = false`). Pure: the CLI (migrate.ts) feeds it the synthesized configurations of
 * both layouts and the old state, and runs Terraform.
 *
 * Resources are matched by construct path. A tenant stack's `registry/...` is the one-stack
 * `registry/...`; its `pool/...` was `pool-<id>/...`; a shared tenant's `sign-in/idp-<id>` was
 * `shared-pool<shard suffix>/idp-<id>` and its `sign-in/client` was
 * `shared-pool<shard suffix>/sign-in-<id>/client`; its `hosting/alias-...` records were
 * `spa/alias-...`. What has no counterpart in the old state is
 * new in this layout: a shared tenant's own client and client record, and the published shard
 * id, unless the one-stack release had `sharedTenantClients` (then nothing is new).
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { shardSuffix, sharedPoolOf } from '@cognito-tenancy/registry/shared-pools';
import { tenantStackName } from './stack-layout';

/** The parts of a synthesized `cdk.tf.json` this reads. */
export interface StackConfig {
  readonly resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>;
}

/** The parts of a Terraform state (format 4) this reads and writes. */
export interface StateResource {
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: readonly { readonly attributes: Record<string, unknown>; [key: string]: unknown }[];
  readonly [key: string]: unknown;
}
export interface TerraformState {
  readonly version: number;
  readonly terraform_version: string;
  readonly resources: readonly StateResource[];
  readonly [key: string]: unknown;
}

export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

export interface TenantMigration {
  readonly stack: string;
  readonly tenant: string;
  /** `import` blocks for the stack's configuration. */
  readonly imports: readonly ImportBlock[];
  /** Old state entries, renamed to this stack's addresses, for its new state (no importer). */
  readonly transfers: readonly StateResource[];
  /** Addresses with no old counterpart: created by the migration. */
  readonly creates: readonly string[];
}

export interface MigrationPlan {
  readonly platform: string;
  readonly tenants: readonly TenantMigration[];
  /** Old addresses the platform state forgets; each adopted by a tenant stack, or released. */
  readonly removed: readonly { readonly from: string; readonly adoptedBy?: string }[];
  /** Platform addresses with no old counterpart: created by the migration. */
  readonly platformCreates: readonly string[];
}

/** The old state or the configurations do not fit a migration; the message says which resource. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Types adopted through their state entry. Provider 5.100 has no importer for table items; an
 * imported app client comes back without `generate_secret`, which forces its replacement.
 */
export const TRANSFERRED_TYPES: ReadonlySet<string> = new Set([
  'aws_dynamodb_table_item',
  'aws_cognito_user_pool_client',
]);

/** The import id of an old state instance, per resource type (the provider's documented formats). */
export function importId(type: string, attributes: Record<string, unknown>): string {
  const text = (key: string) => {
    const value = attributes[key];
    if (typeof value !== 'string' || value === '')
      throw new MigrationError(`${type}: the old state has no '${key}' to import it by`);
    return value;
  };
  switch (type) {
    case 'aws_cognito_user_pool':
      return text('id');
    case 'aws_cognito_user_pool_domain':
      return text('domain');
    case 'aws_cognito_identity_provider':
      return `${text('user_pool_id')}:${text('provider_name')}`;
    case 'aws_cognito_user_pool_client':
      return `${text('user_pool_id')}/${text('id')}`;
    case 'aws_ssm_parameter':
      return text('name');
    case 'aws_api_gateway_domain_name':
      return text('domain_name');
    case 'aws_api_gateway_base_path_mapping': {
      // `<domain>/<base path>`; the mapping of the whole API has an empty base path.
      const basePath = attributes.base_path;
      return `${text('domain_name')}/${typeof basePath === 'string' ? basePath : ''}`;
    }
    case 'aws_route53_record':
      // `<zone id>_<name>_<type>` (no set identifier: simple alias records).
      return `${text('zone_id')}_${text('name')}_${text('type')}`;
    default:
      throw new MigrationError(`${type}: no import id known; adopt it by hand (terraform import)`);
  }
}

/** `<type>.<name>` of every managed resource, by construct path below the stack (`registry/item-tenant-acme`). */
export function addressesByPath(config: StackConfig): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const [type, resources] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(resources)) {
      const path = body['//']?.metadata?.path;
      if (path === undefined)
        throw new MigrationError(`${type}.${name}: no construct path in the synthesized configuration`);
      byPath.set(path.slice(path.indexOf('/') + 1), `${type}.${name}`);
    }
  }
  return byPath;
}

/** Where a tenant stack's resource lived in the one-stack layout (construct path below the stack). */
export function oneStackPath(
  tenant: Pick<ResolvedEnvironment['tenants'][number], 'id' | 'pattern' | 'sharedPool'>,
  path: string,
): string {
  const [head, ...rest] = path.split('/');
  if (head === 'pool' && tenant.pattern === 'dedicated') return [`pool-${tenant.id}`, ...rest].join('/');
  // Its hosts' alias records were the SPA hosting's (the same construct ids, distribution-dns.ts).
  if (head === 'hosting') return ['spa', ...rest].join('/');
  if (head === 'sign-in' && tenant.pattern === 'shared') {
    const shardPool = `shared-pool${shardSuffix(sharedPoolOf(tenant))}`;
    if (rest[0] === `idp-${tenant.id}`) return [shardPool, ...rest].join('/');
    // Its own client, when the one-stack release had `sharedTenantClients`.
    return [shardPool, `sign-in-${tenant.id}`, ...rest].join('/');
  }
  return path;
}

function stateIndex(state: TerraformState): Map<string, StateResource> {
  const index = new Map<string, StateResource>();
  for (const resource of state.resources) {
    if (resource.mode === 'managed') index.set(`${resource.type}.${resource.name}`, resource);
  }
  return index;
}

/**
 * The migration of `env` (tenant-stacks layout) from its one-stack state: `oneStack` is the
 * environment synthesized with `tenantStacks` off, `stacks` every new stack's configuration by
 * stack name. Throws {@link MigrationError} when the old state holds resources a tenant stack
 * adopts more than once, or instances it cannot import.
 */
export function planMigration(input: {
  readonly env: Pick<ResolvedEnvironment, 'environment' | 'tenants'>;
  readonly oneStack: StackConfig;
  readonly stacks: ReadonlyMap<string, StackConfig>;
  readonly state: TerraformState;
}): MigrationPlan {
  const { env } = input;
  const old = stateIndex(input.state);
  const oldByPath = addressesByPath(input.oneStack);
  const platformConfig = input.stacks.get(env.environment);
  if (platformConfig === undefined)
    throw new MigrationError(`no synthesized platform stack ${env.environment}`);
  const platformAddresses = new Set(addressesByPath(platformConfig).values());
  const adopted = new Map<string, string>();

  const tenants = env.tenants.map((tenant): TenantMigration => {
    const stack = tenantStackName(env.environment, tenant.id);
    const config = input.stacks.get(stack);
    if (config === undefined) throw new MigrationError(`no synthesized tenant stack ${stack}`);
    const imports: ImportBlock[] = [];
    const transfers: StateResource[] = [];
    const creates: string[] = [];
    for (const [path, address] of addressesByPath(config)) {
      const oldAddress = oldByPath.get(oneStackPath(tenant, path));
      const resource = oldAddress === undefined ? undefined : old.get(oldAddress);
      if (oldAddress === undefined || resource === undefined) {
        creates.push(address);
        continue;
      }
      const owner = adopted.get(oldAddress);
      if (owner !== undefined)
        throw new MigrationError(`${oldAddress} would be adopted by ${owner} and ${stack}`);
      if (platformAddresses.has(oldAddress))
        throw new MigrationError(`${oldAddress} is in the platform stack and in ${stack}`);
      adopted.set(oldAddress, stack);
      const [instance, ...more] = resource.instances;
      if (instance === undefined || more.length > 0)
        throw new MigrationError(
          `${oldAddress}: ${resource.instances.length} instances in the old state, expected 1`,
        );
      if (TRANSFERRED_TYPES.has(resource.type)) {
        const { dependencies: _platformAddresses, ...kept } = instance;
        transfers.push({
          ...resource,
          name: address.slice(resource.type.length + 1),
          instances: [kept as typeof instance],
        });
      } else imports.push({ to: address, id: importId(resource.type, instance.attributes) });
    }
    return { stack, tenant: tenant.id, imports, transfers, creates };
  });

  const removed = [...old.keys()]
    .filter((address) => !platformAddresses.has(address))
    .map((from) => {
      const adoptedBy = adopted.get(from);
      return adoptedBy === undefined ? { from } : { from, adoptedBy };
    });
  // Only the shards' common clients and the issuer index may be let go of: anything else in the
  // old state that no stack takes (a tenant deleted from the file) would stay live, in no state.
  const pathOf = new Map([...oldByPath].map(([path, address]) => [address, path]));
  const stray = removed.filter(
    (r) => r.adoptedBy === undefined && !RELEASED_PATH.test(pathOf.get(r.from) ?? ''),
  );
  if (stray.length > 0)
    throw new MigrationError(
      `the one-stack state holds ${stray.length} resources no stack of the new layout takes (${stray
        .slice(0, 3)
        .map((r) => r.from)
        .join(
          ', ',
        )}${stray.length > 3 ? ', ...' : ''}): a tenant no longer in the file? Deploy the one-stack layout of this file first (it destroys them), then migrate`,
    );
  const platformCreates = [...platformAddresses].filter((address) => !old.has(address));
  return { platform: env.environment, tenants, removed, platformCreates };
}

/** What a migration releases (kept in AWS, in no state): a shard's common client, an issuer-index parameter. */
const RELEASED_PATH = /^(shared-pool(-\d+)?\/client|registry\/param-issuer-index-\d+)$/;

/** The `migration.tf.json` of a tenant stack: its import blocks. */
export function tenantMigrationConfig(tenant: TenantMigration): object {
  return tenant.imports.length === 0 ? {} : { import: tenant.imports };
}

/** The `migration.tf.json` of the platform stack: every address it lets go of, kept in AWS. */
export function platformMigrationConfig(plan: MigrationPlan): object {
  return plan.removed.length === 0
    ? {}
    : { removed: plan.removed.map(({ from }) => ({ from, lifecycle: { destroy: false } })) };
}

/** A new state (format 4) holding `resources`, for `terraform state push` into an empty backend. */
export function transferState(
  from: TerraformState,
  resources: readonly StateResource[],
  lineage: string,
): object {
  return {
    version: 4,
    terraform_version: from.terraform_version,
    serial: 1,
    lineage,
    outputs: {},
    resources,
    check_results: null,
  };
}
