import { describe, expect, it } from '@jest/globals';
import { MAX_EMAIL_DOMAIN_LABELS } from '../../src/normalize';
import { environmentProblems } from '../support/environment-problems';

const tenantWith = (emailDomains: string[]) => ({
  id: 'umbrella',
  displayName: 'Umbrella',
  pattern: 'shared',
  emailDomains,
  callbackUrls: ['https://app.umbrella.example/callback'],
  includeSubdomains: true,
  idp: { name: 'UmbrellaIdp', metadataUrl: 'https://idp.umbrella.example/metadata' },
});
const file = (emailDomains: string[]) => ({
  environment: 'dev',
  region: 'eu-west-1',
  sharedPool: { domainPrefix: 'shared-dev' },
  tenants: [tenantWith(emailDomains)],
});

const problems = environmentProblems;

// tenant-match reads every ancestor of an address that could hold an item only because
// registered email domains are this shallow (#19.5).
describe('email domain depth', () => {
  it(`accepts an email domain of ${MAX_EMAIL_DOMAIN_LABELS} labels`, () => {
    expect(problems(file(['research.eu.corp.it.umbrella.example']))).toEqual([]);
  });

  it('refuses a deeper email domain, naming the tenant, the field and the fix', () => {
    const found = problems(file(['umbrella.example', 'x.research.eu.corp.it.umbrella.example']));

    expect(found).toHaveLength(1);
    expect(found[0]).toContain('emailDomains');
    expect(found[0]).toContain("'umbrella'");
    expect(found[0]).toContain(`at most ${MAX_EMAIL_DOMAIN_LABELS} labels`);
    expect(found[0]).toContain('includeSubdomains');
  });

  it('counts labels after normalisation (a trailing dot is not a label)', () => {
    expect(problems(file(['Research.EU.corp.it.umbrella.example.']))).toEqual([]);
  });
});
