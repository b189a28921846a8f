/**
 * What `deploy` does to the issuer index in a tenant-stacks environment (deploy-issuer-index.ts):
 * `--tenant` that applied only tenant stacks adds their pools, read from the `tenant` output of
 * each state; every other deploy, and any doubt about a pool id, rebuilds from the issuer records.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { tenantPoolOf, updateIssuerIndexAfterDeploy } from '../../src/deploy-issuer-index';
import { syncIssuerIndex } from '../../src/issuer-index-sync';
import { FakeSsm, issuerRecord } from '../support/fake-ssm';
import { tenantStacksEnvironment } from '../support/tenant-stacks-environment';

const PREFIX = '/cognito-tenancy/dev';
const INDEX = `${PREFIX}/issuer-index`;
const OLD = 'eu-west-1_Old000001';
const NEW = 'eu-west-1_New000001';

const stateWith = (output: unknown) => JSON.stringify({ version: 4, outputs: output, resources: [] });
const tenantOutput = (pool: unknown) => ({ tenant: { value: { tenant_id: 'x', user_pool_id: pool } } });

/** Local states beside `cdktf.out` (no `state` in the file), with `files` in them. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ct-deploy-index-'));
  mkdirSync(join(root, 'cdktf.out'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return join(root, 'cdktf.out');
}

/** A store with OLD indexed and NEW's issuer record written by its apply. */
async function store(): Promise<FakeSsm> {
  const ssm = new FakeSsm();
  ssm.put(`${PREFIX}/issuers/${OLD}`, issuerRecord(OLD, 'acme'));
  await syncIssuerIndex(ssm.client(), PREFIX);
  ssm.put(`${PREFIX}/issuers/${NEW}`, issuerRecord(NEW, 'acme'));
  ssm.calls.length = 0;
  return ssm;
}

async function deploy(
  ssm: FakeSsm,
  out: string,
  tenants: readonly string[],
  extra: { platformApplied?: boolean; retired?: string[] } = {},
) {
  const lines: string[] = [];
  const environment = tenantStacksEnvironment(['acme', 'globex'], {
    retiredTenants: extra.retired ?? [],
  });
  const result = await updateIssuerIndexAfterDeploy({
    environment,
    out,
    tenants,
    platformApplied: extra.platformApplied ?? false,
    client: () => ssm.client(),
    write: (line) => lines.push(line),
  });
  return {
    result,
    lines,
    issuerReads: ssm.calls.filter((c) => c.op === 'list' && c.path.endsWith('/issuers')).length,
  };
}

describe('tenantPoolOf', () => {
  it('reads the pool id of the tenant output, and nothing else', () => {
    expect(tenantPoolOf(stateWith(tenantOutput(NEW)))).toBe(NEW);
    expect(tenantPoolOf(stateWith({}))).toBeUndefined();
    expect(tenantPoolOf(stateWith(tenantOutput(42)))).toBeUndefined();
    expect(tenantPoolOf(stateWith(tenantOutput('../issuers/eu-west-1_X')))).toBeUndefined();
    expect(tenantPoolOf(stateWith(tenantOutput(`eu-west-1_${'a'.repeat(5000)}`)))).toBeUndefined();
    expect(tenantPoolOf('{"outputs":')).toBeUndefined();
    expect(tenantPoolOf('')).toBeUndefined();
    expect(tenantPoolOf('null')).toBeUndefined();
  });
});

describe('the issuer index after deploy', () => {
  it('adds the pool of deploy --tenant from its state, without listing the issuer records', async () => {
    const ssm = await store();
    const out = workspace({ 'terraform.dev--acme.tfstate': stateWith(tenantOutput(NEW)) });

    const { result, lines, issuerReads } = await deploy(ssm, out, ['acme']);

    expect(issuerReads).toBe(0);
    expect(ssm.calls.filter((c) => c.op === 'list')).toHaveLength(1);
    // The index lock costs a write and a delete, never a read.
    expect(ssm.calls.filter((c) => c.op === 'get')).toHaveLength(0);
    expect(ssm.parameters.has(`${PREFIX}/issuer-index-lock`)).toBe(false);
    expect(result).toMatchObject({ pools: 2, written: [0] });
    expect(ssm.json(`${INDEX}/0`)).toEqual({ shard: 0, shards: 1, userPoolIds: [OLD, NEW] });
    expect(lines.at(-1)).toBe(
      'issuer index: 2 pools in 1 shards, 1 written, 0 deleted (added the pools of acme)',
    );
  });

  it.each([
    ['a deploy of the whole environment', [] as string[], {}],
    ['the platform stack was applied', ['acme'], { platformApplied: true }],
    ['retired: initech', ['acme', 'initech'], { retired: ['initech'] }],
  ])('rebuilds from the issuer records after %s', async (why, tenants, extra) => {
    const ssm = await store();
    const out = workspace({ 'terraform.dev--acme.tfstate': stateWith(tenantOutput(NEW)) });
    const { result, lines, issuerReads } = await deploy(ssm, out, tenants, extra);
    expect(issuerReads).toBe(1);
    expect(result.pools).toBe(2);
    expect(lines.at(-1)).toContain(`(rebuilt from the issuer records: ${why})`);
  });

  it.each([
    ['no state', {}],
    ['a state without the tenant output', { 'terraform.dev--acme.tfstate': stateWith({}) }],
    ['a damaged state', { 'terraform.dev--acme.tfstate': '{"outputs":' }],
    ['a forged pool id', { 'terraform.dev--acme.tfstate': stateWith(tenantOutput('eu-west-1_X/../y')) }],
  ])('rebuilds, naming the tenant, when acme has %s', async (_what, files) => {
    const ssm = await store();
    const { result, lines, issuerReads } = await deploy(ssm, workspace(files), ['acme']);
    expect(issuerReads).toBe(1);
    expect(result.pools).toBe(2);
    expect(lines.at(-1)).toContain(
      '(rebuilt from the issuer records: the state of tenant acme has no pool id in its tenant output)',
    );
  });

  // Fails with the lock made a pass-through: one of the two pools is then missing (checked by hand).
  it('keeps both pools when two deploy --tenant runs update the index at the same moment', async () => {
    const ssm = await store();
    const third = 'eu-west-1_New000002';
    ssm.put(`${PREFIX}/issuers/${third}`, issuerRecord(third, 'globex'));
    const out = workspace({
      'terraform.dev--acme.tfstate': stateWith(tenantOutput(NEW)),
      'terraform.dev--globex.tfstate': stateWith(tenantOutput(third)),
    });
    const lock = { pollMs: 1 };

    const both = await Promise.all(
      ['acme', 'globex'].map((id) =>
        updateIssuerIndexAfterDeploy({
          environment: tenantStacksEnvironment(['acme', 'globex']),
          out,
          tenants: [id],
          platformApplied: false,
          client: () => ssm.client(),
          lock,
          write: () => {},
        }),
      ),
    );

    expect(both.map((r) => r.pools).sort()).toEqual([2, 3]);
    expect((ssm.json(`${INDEX}/0`) as { userPoolIds: string[] }).userPoolIds.sort()).toEqual(
      [NEW, third, OLD].sort(),
    );
  });
});
