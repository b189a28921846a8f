import type { DomainItem } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import type { DomainLookup } from '../../src/domain-store';
import { MAX_LOOKUPS_PER_REQUEST, matchTenant } from '../../src/match-tenant';
import { domainItem } from '../support/events';

/** A lookup over a fixed table that records the domains asked for. */
function tableLookup(table: Record<string, DomainItem | Error>) {
  const asked: string[] = [];
  const lookup: DomainLookup = async (domain) => {
    asked.push(domain);
    const entry = Object.hasOwn(table, domain) ? table[domain] : undefined;
    if (entry instanceof Error) throw entry;
    return { value: entry, source: 'load' };
  };
  return { lookup, asked };
}

const acme = domainItem('acme');
const acmeWithSubdomains = domainItem('acme', { includeSubdomains: true });

describe('matchTenant', () => {
  it('matches the exact domain with one lookup', async () => {
    const { lookup, asked } = tableLookup({ 'acme.com': acme });

    const result = await matchTenant('acme.com', lookup);

    expect(result).toEqual({ found: true, item: acme, matchedBy: 'exact', source: 'load' });
    expect(asked).toEqual(['acme.com']);
  });

  it('answers not found for an unknown registrable domain without asking for the TLD', async () => {
    const { lookup, asked } = tableLookup({});

    expect(await matchTenant('unknown.test', lookup)).toEqual({ found: false });
    expect(asked).toEqual(['unknown.test']);
  });

  it('falls back to a parent whose tenant opted in to subdomains', async () => {
    const { lookup, asked } = tableLookup({ 'acme.com': acmeWithSubdomains });

    const result = await matchTenant('eu.acme.com', lookup);

    expect(result).toEqual({ found: true, item: acmeWithSubdomains, matchedBy: 'parent', source: 'load' });
    expect(asked).toEqual(['eu.acme.com', 'acme.com']);
  });

  it('does not fall back to a parent whose tenant did not opt in', async () => {
    const { lookup } = tableLookup({ 'acme.com': acme });

    expect(await matchTenant('eu.acme.com', lookup)).toEqual({ found: false });
  });

  it('lets the nearest registered parent decide, even against an opted-in farther parent', async () => {
    const globexEu = domainItem('globex-eu');
    const { lookup } = tableLookup({ 'eu.acme.com': globexEu, 'acme.com': acmeWithSubdomains });

    expect(await matchTenant('x.eu.acme.com', lookup)).toEqual({ found: false });
  });

  it('prefers the nearest opted-in parent', async () => {
    const eu = domainItem('acme-eu', { includeSubdomains: true });
    const { lookup } = tableLookup({ 'eu.acme.com': eu, 'acme.com': acmeWithSubdomains });

    const result = await matchTenant('x.eu.acme.com', lookup);

    expect(result.found && result.item.tenantId).toBe('acme-eu');
  });

  it('reads every parent that could be registered, and not a name too deep to be registered', async () => {
    const { lookup, asked } = tableLookup({ 'acme.com': acmeWithSubdomains });

    const result = await matchTenant('a.b.c.d.e.f.acme.com', lookup);

    expect(result.found).toBe(true);
    expect(asked).toEqual(['c.d.e.f.acme.com', 'd.e.f.acme.com', 'e.f.acme.com', 'f.acme.com', 'acme.com']);
    expect(asked.length).toBeLessThanOrEqual(MAX_LOOKUPS_PER_REQUEST);
  });

  // #19.5: with 4 parents read, the 6-label subdomain below was skipped and umbrella's IdP won.
  it("never hands a deep address in another tenant's registered subdomain to the parent's tenant", async () => {
    const umbrella = domainItem('umbrella', { includeSubdomains: true });
    const research = domainItem('research');
    const { lookup, asked } = tableLookup({
      'umbrella.example': umbrella,
      'research.eu.corp.it.umbrella.example': research,
    });

    expect(await matchTenant('x.research.eu.corp.it.umbrella.example', lookup)).toEqual({ found: false });
    expect(asked).toContain('research.eu.corp.it.umbrella.example');
  });

  it('fails when the exact lookup fails', async () => {
    const error = new Error('throttled');
    const { lookup } = tableLookup({ 'acme.com': error });

    await expect(matchTenant('acme.com', lookup)).rejects.toBe(error);
  });

  it('fails when a parent nearer than the deciding one cannot be read', async () => {
    const error = new Error('timeout');
    const { lookup } = tableLookup({ 'eu.acme.com': error, 'acme.com': acmeWithSubdomains });

    await expect(matchTenant('x.eu.acme.com', lookup)).rejects.toBe(error);
  });

  it('ignores a failure farther than the deciding parent', async () => {
    const eu = domainItem('acme-eu', { includeSubdomains: true });
    const { lookup } = tableLookup({ 'eu.acme.com': eu, 'acme.com': new Error('timeout') });

    const result = await matchTenant('x.eu.acme.com', lookup);

    expect(result.found && result.item.tenantId).toBe('acme-eu');
  });
});
