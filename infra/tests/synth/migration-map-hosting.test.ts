/**
 * The migration map (migration-map.ts) for an environment with hosting: a one-stack deploy
 * that already has `hosting.wildcardAlias` moves each tenant's alias records into its tenant
 * stack by import (`<zone>_<name>_<type>`), keeps the distribution, certificate and the app
 * hosts' records in the platform, and creates nothing after the `sharedTenantClients` release.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { planMigration } from '../../src/migration-map';
import type { RawEnvironment } from '../support/new-tenants';
import { standInState } from '../support/stand-in-state';
import type { Body, StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariantStacks } from '../support/variant-stack';

const ZONE = 'Z0EXAMPLE1FICTION4L';
const raw: RawEnvironment = {
  ...(rawEnvironment('dev') as RawEnvironment),
  api: { ...(rawEnvironment('dev').api as Body), corsOrigins: ['https://app.dev.example.com'] },
  hosting: {
    wildcardAlias: '*.dev.example.com',
    appHosts: ['app.dev.example.com'],
    certificate: { route53ZoneId: ZONE },
  },
};
const stacks = synthVariantStacks({ ...raw, tenantStacks: true });
const oneStack = synthVariantStacks({ ...raw, sharedTenantClients: true }).get('dev') as StackJson;
const env = parseEnvironment({ ...raw, tenantStacks: true }, 'variant.json', '.');
const plan = planMigration({ env, oneStack, stacks, state: standInState(oneStack) });

describe('migration map with hosting (wildcard alias)', () => {
  it('imports each tenant host’s A and AAAA records into its tenant stack', () => {
    for (const tenant of env.tenants) {
      const migration = plan.tenants.find((t) => t.tenant === tenant.id);
      const records = migration?.imports.filter((i) => i.to.startsWith('aws_route53_record.')) ?? [];
      expect(records.map((r) => r.id).sort()).toEqual(
        tenant.hosts.flatMap((host) => [`${ZONE}_${host}_A`, `${ZONE}_${host}_AAAA`]).sort(),
      );
      expect({ [tenant.id]: migration?.creates }).toEqual({ [tenant.id]: [] });
    }
  });

  it('keeps the distribution, certificate and app hosts’ records; creates nothing after the release', () => {
    const adopted = new Set(plan.removed.filter((r) => r.adoptedBy !== undefined).map((r) => r.from));
    const released = plan.removed.filter((r) => r.adoptedBy === undefined).map((r) => r.from);
    expect(released.filter((a) => /^aws_(route53|cloudfront|acm)/.test(a))).toEqual([]);
    const tenantRecords = [...adopted].filter((a) => a.startsWith('aws_route53_record.'));
    expect(tenantRecords).toHaveLength(2 * env.tenants.flatMap((t) => t.hosts).length);
    // The release (sharedTenantClients) published the distribution's name already.
    expect(plan.platformCreates).toEqual([]);
    const unreleased = synthVariantStacks(raw).get('dev') as StackJson;
    const before = planMigration({ env, oneStack, stacks, state: standInState(unreleased) });
    expect(before.platformCreates).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_ssm_parameter\.hosting-distribution-domain/)]),
    );
  });
});
