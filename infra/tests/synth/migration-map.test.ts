/**
 * The one-stack -> tenant-stacks migration map (migration-map.ts, issue #21) on the synthesized
 * JSON of dev (without hosting) in both layouts and a stand-in state of the one-stack deploy:
 * every tenant resource is adopted exactly once, nothing is created but what the new layout
 * adds, and what the platform lets go of is either adopted or named as released.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import {
  importId,
  MigrationError,
  planMigration,
  platformMigrationConfig,
  type StateResource,
  tenantMigrationConfig,
  transferState,
} from '../../src/migration-map';
import { tenantStackName } from '../../src/stack-layout';
import { standInState } from '../support/stand-in-state';
import type { StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariantStacks } from '../support/variant-stack';

const { hosting: _hosting, ...dev } = rawEnvironment('dev');
const stacks = synthVariantStacks({ ...dev, tenantStacks: true });
// migrate.ts maps through the one-stack layout with `sharedTenantClients` (a superset of paths);
// the deployed state may or may not have had it.
const oneStack = synthVariantStacks({ ...dev, tenantStacks: false, sharedTenantClients: true }).get(
  'dev',
) as StackJson;
const unprepared = synthVariantStacks({ ...dev, tenantStacks: false }).get('dev') as StackJson;
const env = parseEnvironment({ ...dev, tenantStacks: true }, 'variant.json', '.');

const state = standInState(unprepared);
const plan = planMigration({ env, oneStack, stacks, state });
const addresses = (config: StackJson | undefined) =>
  Object.entries(config?.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );

describe('migration map', () => {
  it('moves every tenant resource of the old state into exactly one tenant stack', () => {
    const tenantTypes = new Set([
      'aws_cognito_identity_provider',
      'aws_cognito_user_pool_domain',
      'aws_dynamodb_table_item',
    ]);
    const platform = new Set(addresses(stacks.get('dev')));
    const oldTenantAddresses = addresses(oneStack).filter(
      (a) => tenantTypes.has(a.split('.')[0] as string) && !platform.has(a),
    );
    expect(oldTenantAddresses.length).toBeGreaterThan(env.tenants.length);
    const adopted = plan.removed.filter((r) => r.adoptedBy !== undefined).map((r) => r.from);
    // Every IdP, domain and table item of the old state not kept by the platform (the shard pool's domain) finds its tenant stack.
    expect(oldTenantAddresses.filter((a) => !adopted.includes(a))).toEqual([]);
    expect(new Set(adopted).size).toBe(adopted.length);
    // Dedicated pools keep their pool id: imported, not created.
    const dedicated = env.tenants.filter((t) => t.pattern === 'dedicated');
    for (const tenant of dedicated) {
      const migration = plan.tenants.find((t) => t.tenant === tenant.id);
      expect(migration?.imports.some((i) => i.to.startsWith('aws_cognito_user_pool.'))).toBe(true);
      expect(migration?.creates).toEqual([]);
    }
  });

  it("creates only a shared tenant's own client and client record, and the published shard id", () => {
    for (const tenant of plan.tenants.filter(
      (t) => env.tenants.find((e) => e.id === t.tenant)?.pattern === 'shared',
    ))
      expect(tenant.creates.map((a) => a.split('.')[0]).sort()).toEqual([
        'aws_cognito_user_pool_client',
        'aws_ssm_parameter',
      ]);
    expect(plan.platformCreates).toHaveLength(1);
    expect(plan.platformCreates[0]).toMatch(/^aws_ssm_parameter\./);
  });

  it('creates nothing when the one-stack release had sharedTenantClients', () => {
    const prepared = planMigration({ env, oneStack, stacks, state: standInState(oneStack) });
    expect(prepared.platformCreates).toEqual([]);
    for (const tenant of prepared.tenants)
      expect({ [tenant.stack]: tenant.creates }).toEqual({ [tenant.stack]: [] });
    // Each shared tenant's own client moves through state into its stack, renamed.
    for (const tenant of env.tenants.filter((t) => t.pattern === 'shared')) {
      const migration = prepared.tenants.find((t) => t.tenant === tenant.id);
      const clients = migration?.transfers.filter((r) => r.type === 'aws_cognito_user_pool_client') ?? [];
      expect(clients.map((c) => c.instances[0]?.attributes.name)).toEqual([`ct-dev-shared-${tenant.id}`]);
    }
    // The shard's common client is still released, not destroyed.
    const released = prepared.removed.filter((r) => r.adoptedBy === undefined).map((r) => r.from);
    expect(released.filter((a) => a.startsWith('aws_cognito_user_pool_client.'))).toHaveLength(1);
  });

  it('releases the common shared client instead of destroying it, and names it', () => {
    const released = plan.removed.filter((r) => r.adoptedBy === undefined).map((r) => r.from);
    expect(released.some((a) => a.startsWith('aws_cognito_user_pool_client.'))).toBe(true);
    const config = platformMigrationConfig(plan) as {
      removed: { from: string; lifecycle: { destroy: boolean } }[];
    };
    expect(config.removed.map((r) => r.from).sort()).toEqual(plan.removed.map((r) => r.from).sort());
    expect(config.removed.every((r) => r.lifecycle.destroy === false)).toBe(true);
  });

  it('imports by the provider formats and moves items and clients through state, renamed', () => {
    const stack = plan.tenants.find((t) =>
      t.imports.some((i) => i.to.startsWith('aws_cognito_identity_provider.')),
    );
    const idp = stack?.imports.find((i) => i.to.startsWith('aws_cognito_identity_provider.'));
    expect(idp?.id).toMatch(/^eu-west-1_pool:.+/);
    expect(tenantMigrationConfig(stack as NonNullable<typeof stack>)).toEqual({ import: stack?.imports });
    const tenantAddresses = addresses(stacks.get(stack?.stack as string));
    for (const moved of stack?.transfers ?? []) {
      expect(['aws_dynamodb_table_item', 'aws_cognito_user_pool_client']).toContain(moved.type);
      expect(tenantAddresses).toContain(`${moved.type}.${moved.name}`);
      // The old state's dependencies name platform addresses the new state does not have.
      expect(moved.instances[0]).not.toHaveProperty('dependencies');
    }
    const pushed = transferState(state, stack?.transfers ?? [], 'lineage-1') as {
      serial: number;
      resources: unknown[];
    };
    expect(pushed).toMatchObject({ version: 4, serial: 1, lineage: 'lineage-1' });
    expect(pushed.resources).toHaveLength(stack?.transfers.length ?? -1);
  });
});

describe('migration map refusals', () => {
  it('refuses an old state instance it cannot import, naming the attribute', () => {
    expect(() => importId('aws_cognito_identity_provider', { user_pool_id: 'eu-west-1_x' })).toThrow(
      /no 'provider_name' to import it by/,
    );
    expect(() => importId('aws_lambda_function', { id: 'f' })).toThrow(/adopt it by hand/);
  });

  it('refuses a resource with more than one instance in the old state', () => {
    const pool = state.resources.find((r) => r.type === 'aws_cognito_user_pool_domain') as StateResource;
    const doubled = {
      ...state,
      resources: state.resources.map((r) =>
        r === pool ? { ...r, instances: [...r.instances, ...r.instances] } : r,
      ),
    };
    expect(() => planMigration({ env, oneStack, stacks, state: doubled })).toThrow(MigrationError);
    expect(() => planMigration({ env, oneStack, stacks, state: doubled })).toThrow(/2 instances/);
  });

  it('refuses to let go of resources of a tenant the file no longer has', () => {
    const { tenants, ...rest } = dev as { tenants: { id: string }[] };
    const fewer = parseEnvironment(
      { ...rest, tenants: tenants.slice(1), tenantStacks: true },
      'variant.json',
      '.',
    );
    const fewerStacks = synthVariantStacks({ ...rest, tenants: tenants.slice(1), tenantStacks: true });
    const fewerOneStack = synthVariantStacks({
      ...rest,
      tenants: tenants.slice(1),
      tenantStacks: false,
      sharedTenantClients: true,
    }).get('dev') as StackJson;
    // The state still holds the first tenant's resources (deployed before it was deleted from the file).
    expect(() => planMigration({ env: fewer, oneStack: fewerOneStack, stacks: fewerStacks, state })).toThrow(
      /no stack of the new layout takes .*Deploy the one-stack layout of this file first/,
    );
  });

  it('refuses when a tenant stack was not synthesized', () => {
    const missing = new Map(stacks);
    missing.delete(tenantStackName('dev', env.tenants[0]?.id as string));
    expect(() => planMigration({ env, oneStack, stacks: missing, state })).toThrow(
      /no synthesized tenant stack/,
    );
  });
});
