import { MAX_EMAIL_DOMAIN_LABELS } from '@cognito-tenancy/registry/normalize';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DomainLookup } from '../../src/domain-store';
import { MAX_LOOKUPS_PER_REQUEST, matchTenant } from '../../src/match-tenant';
import { domainItem } from '../support/events';

/**
 * The promise of the README, written without any read budget: the exact name wins, else the
 * NEAREST registered ancestor (of any depth) decides, and matches only if it opted in.
 */
function reference(domain: string, table: ReadonlyMap<string, DomainItem>): string | undefined {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const item = table.get(labels.slice(i).join('.'));
    if (item === undefined) continue;
    return i === 0 || item.includeSubdomains ? item.tenantId : undefined;
  }
  return undefined;
}

const label = fc.constantFrom('a', 'eu', 'corp', 'it', 'x', 'lab', 'b1');
// An address domain of 2..20 labels under one registrable domain.
const addressDomain = fc
  .array(label, { minLength: 0, maxLength: 18 })
  .map((labels) => [...labels, 'umbrella', 'example'].join('.'));

// Registered domains as the schema allows them: ancestors (or the name) of the address, at
// most MAX_EMAIL_DOMAIN_LABELS labels, each another tenant, some opted in.
const scenario = addressDomain.chain((domain) => {
  const labels = domain.split('.');
  const suffixes = labels
    .map((_, i) => labels.slice(i).join('.'))
    .filter((name) => name.includes('.') && name.split('.').length <= MAX_EMAIL_DOMAIN_LABELS);
  return fc
    .array(fc.record({ at: fc.constantFrom(...suffixes), optedIn: fc.boolean() }), { maxLength: 6 })
    .map((registered) => {
      const table = new Map<string, DomainItem>();
      registered.forEach(({ at, optedIn }, i) => {
        table.set(at, domainItem(`tenant-${i}`, { includeSubdomains: optedIn }));
      });
      return { domain, table };
    });
});

describe('matchTenant (properties)', () => {
  it('answers as the nearest registered ancestor decides, at any depth, within the read budget', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ domain, table }) => {
        let reads = 0;
        const lookup: DomainLookup = async (name) => {
          reads += 1;
          return { value: table.get(name), source: 'load' };
        };

        const result = await matchTenant(domain, lookup);

        expect(result.found ? result.item.tenantId : undefined).toBe(reference(domain, table));
        expect(reads).toBeLessThanOrEqual(MAX_LOOKUPS_PER_REQUEST);
      }),
      { numRuns: 2000 },
    );
  });
});
