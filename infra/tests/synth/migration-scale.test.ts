/**
 * Issue #21's migration target at 1,000 tenants, at the level of the migration map
 * (migration-map.ts): the generated 1,000-tenant environment (300 shared tenants, here over two
 * shards of the shared pool, 700 dedicated) synthesized in both layouts, and a stand-in state of
 * its one-stack deploy after the `sharedTenantClients` release. The plan `migrate` would write
 * must create nothing and let go of nothing a stack does not adopt, but for what it releases
 * (each shard's common client, the one-stack issuer-index parameters). Terraform's own plans of
 * such a migration are measured on moto at N = 100 (`measure-onboarding --migrate`) and, with
 * two shards, in the deploy rehearsal; applying 1,000 tenants there takes hours.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { planMigration, platformMigrationConfig } from '../../src/migration-map';
import { scaleEnvironment } from '../support/scale-environment';
import { standInState } from '../support/stand-in-state';
import type { StackJson } from '../support/synthesized';
import { synthVariantStacks } from '../support/variant-stack';

const TENANTS = 1000;
/** Shared tenants moved into the second shard, as a file that outgrew shared-00 would have them. */
const IN_SECOND_SHARD = 100;

const generated = scaleEnvironment(TENANTS);
const shared = generated.tenants.filter((t) => t.pattern === 'shared');
const secondShard = new Set(shared.slice(-IN_SECOND_SHARD).map((t) => t.id));
const raw = {
  ...generated,
  tenants: generated.tenants.map((t) => ({
    ...t,
    // The generator's metadata file sits in its own folder; the synth here reads environments/.
    idp: { name: t.idp.name, metadataUrl: `https://idp.${t.id}.example/saml` },
    ...(secondShard.has(t.id) ? { sharedPool: 'shared-01' } : {}),
  })),
} as unknown as Record<string, unknown>;

const addresses = (config: StackJson | undefined) =>
  Object.entries(config?.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );

describe(`migration map of ${TENANTS} tenants in two shards`, () => {
  const stacks = synthVariantStacks({ ...raw, tenantStacks: true });
  const oneStack = synthVariantStacks({ ...raw, tenantStacks: false, sharedTenantClients: true }).get(
    'scale',
  ) as StackJson;
  const env = parseEnvironment({ ...raw, tenantStacks: true }, 'scale.json', '.');
  const state = standInState(oneStack);
  const plan = planMigration({ env, oneStack, stacks, state });

  it('plans a stack per tenant, each adopting all of its resources: 0 to create', () => {
    expect(stacks.size).toBe(TENANTS + 1);
    expect(plan.tenants).toHaveLength(TENANTS);
    expect(plan.platformCreates).toEqual([]);
    const creating = plan.tenants.filter((t) => t.creates.length > 0).map((t) => t.stack);
    expect(creating).toEqual([]);
    for (const tenant of plan.tenants) {
      const own = addresses(stacks.get(tenant.stack));
      expect({ [tenant.stack]: tenant.imports.length + tenant.transfers.length }).toEqual({
        [tenant.stack]: own.length,
      });
    }
  });

  it('leaves nothing of the old state to destroy: each address stays, is adopted once, or is released', () => {
    const platform = new Set(addresses(stacks.get('scale')));
    const removed = new Set(plan.removed.map((r) => r.from));
    const old = state.resources.map((r) => `${r.type}.${r.name}`);
    // Terraform destroys an old address that is neither in the platform's configuration nor in a
    // `removed` block (destroy = false); there is none.
    expect(old.filter((a) => !platform.has(a) && !removed.has(a))).toEqual([]);
    // Nor is anything both kept and let go of (Terraform refuses a `removed` block for a resource in the configuration).
    expect([...removed].filter((a) => platform.has(a))).toEqual([]);
    expect(removed.size).toBe(plan.removed.length);
    const config = platformMigrationConfig(plan) as { removed: { lifecycle: { destroy: boolean } }[] };
    expect(config.removed.every((r) => r.lifecycle.destroy === false)).toBe(true);
    // Released, kept in AWS: the common client of each of the two shards, and the one-stack
    // index shards (700 dedicated pools and 2 shard pools: 8 shards of 100).
    const released = plan.removed.filter((r) => r.adoptedBy === undefined).map((r) => r.from.split('.')[0]);
    expect(released.sort()).toEqual([
      ...Array(2).fill('aws_cognito_user_pool_client'),
      ...Array(8).fill('aws_ssm_parameter'),
    ]);
  });

  it("moves the second shard's tenants out of that shard's pool, not shared-00's", () => {
    const moved = plan.tenants.filter((t) => secondShard.has(t.tenant));
    expect(moved).toHaveLength(IN_SECOND_SHARD);
    const fromOldPath = new Map(
      plan.removed.flatMap((r) => (r.adoptedBy === undefined ? [] : [[r.from, r.adoptedBy] as const])),
    );
    const oneStackPaths = new Map(
      Object.entries(oneStack.resource).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, body]) => [`${type}.${name}`, String(body['//']?.metadata?.path)]),
      ),
    );
    for (const tenant of moved) {
      const idps = [...fromOldPath]
        .filter(
          ([from, stack]) => stack === tenant.stack && from.startsWith('aws_cognito_identity_provider.'),
        )
        .map(([from]) => oneStackPaths.get(from));
      expect(idps).toEqual([`scale/shared-pool-01/idp-${tenant.tenant}`]);
    }
  });
});
