/**
 * A pool's own `deletionProtection` (in its `pool` / `sharedPool` settings) wins over the file's:
 * one dedicated tenant's pool can be unprotected, so the tenant can be taken out, while every
 * other pool and the tenant table stay protected, in both layouts.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { resourceNames } from '../../src/names';
import { type Body, resources, resourceWhere, type StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariant, synthVariantStacks } from '../support/variant-stack';

const { hosting: _hosting, ...dev } = rawEnvironment('dev');
const dedicated = (dev.tenants as Body[]).filter((t) => t.pattern === 'dedicated');
const [unprotected, other] = dedicated as [Body, Body];
/** dev, protected as a whole, with the first dedicated tenant's pool unprotected. */
const raw = {
  ...dev,
  deletionProtection: true,
  tenants: (dev.tenants as Body[]).map((t) =>
    t.id === unprotected.id ? { ...t, pool: { ...(t.pool as Body), deletionProtection: false } } : t,
  ),
};
const names = resourceNames('dev');
const protectionOf = (stack: StackJson, poolName: string) =>
  resourceWhere(stack, 'aws_cognito_user_pool', 'name', poolName)[1].deletion_protection;
const tableProtection = (stack: StackJson) =>
  resourceWhere(stack, 'aws_dynamodb_table', 'name', names.tenantTable)[1].deletion_protection_enabled;

describe("a pool's own deletionProtection", () => {
  it('is read from the pool settings and refused when not a boolean, naming the field', () => {
    const env = parseEnvironment(raw, 'variant.json', '.');
    expect(env.tenants.find((t) => t.id === unprotected.id)?.pool?.deletionProtection).toBe(false);
    expect(env.tenants.find((t) => t.id === other.id)?.pool?.deletionProtection).toBeUndefined();
    const bad = {
      ...raw,
      tenants: (dev.tenants as Body[]).map((t) =>
        t.id === unprotected.id ? { ...t, pool: { ...(t.pool as Body), deletionProtection: 'no' } } : t,
      ),
    };
    expect(() => parseEnvironment(bad, 'variant.json', '.')).toThrow(/pool\.deletionProtection/);
  });

  it('unprotects only that pool in the one-stack layout', () => {
    expect(dedicated.length).toBeGreaterThan(1);
    const s = synthVariant(raw);
    expect(protectionOf(s, names.dedicatedPool(String(unprotected.id)))).toBe('INACTIVE');
    expect(protectionOf(s, names.dedicatedPool(String(other.id)))).toBe('ACTIVE');
    expect(protectionOf(s, names.sharedPool)).toBe('ACTIVE');
    expect(tableProtection(s)).toBe(true);
    const active = resources(s, 'aws_cognito_user_pool').filter(
      ([, pool]) => pool.deletion_protection === 'ACTIVE',
    );
    expect(active).toHaveLength(resources(s, 'aws_cognito_user_pool').length - 1);
  });

  it("changes only that tenant's stack in the tenant-stacks layout", () => {
    const stacks = synthVariantStacks({ ...raw, tenantStacks: true });
    const before = synthVariantStacks({ ...dev, deletionProtection: true, tenantStacks: true });
    const tenantStack = `dev--${String(unprotected.id)}`;
    expect(
      protectionOf(stacks.get(tenantStack) as StackJson, names.dedicatedPool(String(unprotected.id))),
    ).toBe('INACTIVE');
    expect(
      protectionOf(
        stacks.get(`dev--${String(other.id)}`) as StackJson,
        names.dedicatedPool(String(other.id)),
      ),
    ).toBe('ACTIVE');
    expect(tableProtection(stacks.get('dev') as StackJson)).toBe(true);
    // Every other stack is the one the file without the setting synthesizes: `deploy --tenant` applies one.
    const changed = [...stacks].filter(
      ([name, stack]) => JSON.stringify(stack.resource) !== JSON.stringify(before.get(name)?.resource),
    );
    expect(changed.map(([name]) => name)).toEqual([tenantStack]);
  });
});
