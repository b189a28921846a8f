/**
 * Tenant states nobody owns (tenant-states.ts): a tenant taken out of a tenant-stacks file whose
 * state still holds resources is found (its sign-in is still live) and `deploy` refuses with
 * the fix; listed and retired tenants, empty states and other files are left alone.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { tenantStateKey, tenantStatesPrefix } from '../../src/backend';
import {
  managedResources,
  unlistedRefusal,
  unlistedTenantIds,
  unlistedTenantStates,
} from '../../src/tenant-states';
import { tenantStacksEnvironment } from '../support/tenant-stacks-environment';

// No accountId and no state.s3: local state files beside the output folder.
const env = (extra: Record<string, unknown> = {}) => tenantStacksEnvironment(['globex'], extra);
const state = (managed: number) =>
  JSON.stringify({
    version: 4,
    resources: [
      ...Array.from({ length: managed }, (_, i) => ({ mode: 'managed', type: 't', name: `r${i}` })),
      { mode: 'data', type: 'd', name: 'x' },
    ],
  });

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ct-tenant-states-'));
  mkdirSync(join(root, 'cdktf.out'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return join(root, 'cdktf.out');
}

describe('tenant states nobody owns', () => {
  it('finds a removed tenant whose state holds resources, and only that one', async () => {
    const out = workspace({
      'terraform.dev.tfstate': state(40),
      'terraform.dev--globex.tfstate': state(7),
      'terraform.dev--vandelay.tfstate': state(7),
      'terraform.dev--initech.tfstate': state(0),
      'terraform.dev--hooli.tfstate': state(9),
      'terraform.prod--umbrella.tfstate': state(5),
      'notes.txt': 'x',
    });
    expect(await unlistedTenantStates(env(), out)).toEqual([
      { tenantId: 'hooli', resources: 9 },
      { tenantId: 'vandelay', resources: 7 },
    ]);
    expect(await unlistedTenantStates(env({ retiredTenants: ['hooli'] }), out)).toEqual([
      { tenantId: 'vandelay', resources: 7 },
    ]);
  });

  it('has nothing to say about one-stack environments or a missing folder', async () => {
    const out = workspace({ 'terraform.dev--hooli.tfstate': state(9) });
    expect(await unlistedTenantStates(env({ tenantStacks: false }), out)).toEqual([]);
    expect(await unlistedTenantStates(env(), join(tmpdir(), 'ct-no-such-dir', 'x', 'cdktf.out'))).toEqual([]);
  });

  it('counts managed resources only, and refuses a damaged state rather than call it empty', async () => {
    expect(managedResources(state(3))).toBe(3);
    expect(managedResources('')).toBe(0);
    expect(() => managedResources('{"resources": 5}', 'x')).toThrow('x has no resources list');
    expect(() => managedResources('{"resources": [', 'x')).toThrow('x is not JSON');
    const out = workspace({ 'terraform.dev--hooli.tfstate': '{"version": 4, "resou' });
    await expect(unlistedTenantStates(env(), out)).rejects.toThrow('the state of tenant hooli is not JSON');
    expect(unlistedTenantIds({ tenants: [], retiredTenants: ['a'] } as never, ['b', 'a', 'b'])).toEqual([
      'b',
    ]);
  });

  it('refuses the deploy naming each tenant and the retiredTenants line that fixes it', () => {
    expect(unlistedRefusal({ environment: 'dev' }, [])).toBeUndefined();
    const refusal = unlistedRefusal({ environment: 'dev' }, [
      { tenantId: 'hooli', resources: 9 },
      { tenantId: 'vandelay', resources: 7 },
    ]);
    expect(refusal).toContain('hooli (9 resources), vandelay (7 resources)');
    expect(refusal).toContain('their users can still sign in');
    expect(refusal).toContain('"retiredTenants": ["hooli","vandelay"]');
  });
});

describe('tenant state keys', () => {
  it('sit beside the default key, in the environment folder', () => {
    expect(tenantStateKey('cognito-tenancy/dev/terraform.tfstate', 'acme')).toBe(
      'cognito-tenancy/dev/tenants/acme/terraform.tfstate',
    );
    expect(tenantStatesPrefix('terraform.tfstate')).toBe('tenants/');
  });

  it('never collide for environments whose own keys share a folder', () => {
    const dev = tenantStateKey('states/dev.tfstate', 'acme');
    const prod = tenantStateKey('states/prod.tfstate', 'acme');
    expect(dev).toBe('states/dev/tenants/acme/terraform.tfstate');
    expect(prod).toBe('states/prod/tenants/acme/terraform.tfstate');
    expect(tenantStatesPrefix('dev-state')).toBe('dev-state/tenants/');
  });
});
