/**
 * `pnpm run destroy <env>` (destroy-guard.ts) refuses what would leave tenants behind or stop
 * halfway: deletion protection still in the file (file-wide or a pool's own), and a
 * tenant-stacks platform while any tenant state, listed, retired or forgotten, holds resources.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { destroyRefusal, protectedByFile } from '../../src/destroy-guard';
import { sharedTenant, tenantStacksEnvironment } from '../support/tenant-stacks-environment';

const state = (managed: number) =>
  JSON.stringify({
    version: 4,
    resources: Array.from({ length: managed }, (_, i) => ({ mode: 'managed', type: 't', name: `r${i}` })),
  });

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ct-destroy-guard-'));
  mkdirSync(join(root, 'cdktf.out'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return join(root, 'cdktf.out');
}

const dedicated = {
  id: 'acme',
  displayName: 'Acme',
  pattern: 'dedicated',
  hosts: ['acme.dev.example.com'],
  emailDomains: ['acme.example'],
  idp: { name: 'AcmeOkta', metadataUrl: 'https://idp.acme.example/saml' },
  pool: { domainPrefix: 'ct-dev-acme', deletionProtection: true },
};

describe('destroy guard', () => {
  it('names every protection the file still has: file-wide, the shared pool, a dedicated pool', () => {
    const env = tenantStacksEnvironment([], {
      deletionProtection: true,
      sharedPool: { domainPrefix: 'ct-dev-shared', deletionProtection: true },
      tenants: [dedicated, sharedTenant('globex')],
    });
    expect(protectedByFile(env)).toEqual([
      expect.stringContaining('"deletionProtection"'),
      '"sharedPool.deletionProtection"',
      `tenant acme's "pool.deletionProtection"`,
    ]);
    const unprotected = tenantStacksEnvironment([], { deletionProtection: false, tenants: [] });
    expect(protectedByFile(unprotected)).toEqual([]);
  });

  it('refuses a protected environment before looking at any state', async () => {
    const env = tenantStacksEnvironment([], { deletionProtection: false, tenants: [dedicated] });
    const refusal = await destroyRefusal(env, join(tmpdir(), 'ct-no-such', 'cdktf.out'));
    expect(refusal).toMatch(
      /deletion-protected by tenant acme's "pool.deletionProtection"[\s\S]*deploy dev first/,
    );
  });

  it('refuses while any tenant state holds resources, listed or retired, naming the file change', async () => {
    const env = tenantStacksEnvironment(['globex'], { deletionProtection: false, retiredTenants: ['hooli'] });
    const out = workspace({
      'terraform.dev.tfstate': state(40),
      'terraform.dev--globex.tfstate': state(7),
      'terraform.dev--hooli.tfstate': state(9),
      'terraform.dev--initech.tfstate': state(0),
      'terraform.prod--umbrella.tfstate': state(5),
    });
    expect(await destroyRefusal(env, out)).toMatch(
      /still hold resources: globex \(7 resources\), hooli \(9 resources\)[\s\S]*"tenants": \[\] and "retiredTenants": \["globex","hooli"\]/,
    );
  });

  it('lets the platform go once every tenant state is empty, and a one-stack file without states', async () => {
    const empty = workspace({
      'terraform.dev.tfstate': state(40),
      'terraform.dev--globex.tfstate': state(0),
      'terraform.dev--hooli.tfstate': state(0),
    });
    const retired = tenantStacksEnvironment([], {
      deletionProtection: false,
      tenants: [],
      retiredTenants: ['globex', 'hooli'],
    });
    expect(await destroyRefusal(retired, empty)).toBeUndefined();
    const oneStack = tenantStacksEnvironment(['globex'], { deletionProtection: false, tenantStacks: false });
    expect(
      await destroyRefusal(oneStack, workspace({ 'terraform.dev--globex.tfstate': state(7) })),
    ).toBeUndefined();
  });

  it('refuses when a tenant state is damaged instead of counting it empty', async () => {
    const env = tenantStacksEnvironment([], { deletionProtection: false, tenants: [] });
    expect(await destroyRefusal(env, workspace({ 'terraform.dev--globex.tfstate': '[' }))).toMatch(
      /could not be checked[\s\S]*repaired/,
    );
  });
});
