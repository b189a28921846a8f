import { describe, expect, it } from '@jest/globals';
import {
  dedicatedTenant,
  environment,
  fixture,
  run,
  sharedTenant,
  twoTenantFixture,
} from './helpers/environment';

describe('tenant list', () => {
  it('prints a table of tenants, patterns, pools, hosts, domains and IdPs', async () => {
    const result = await run(['list', twoTenantFixture().file]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('dev (eu-west-1): 2 tenant(s)');
    expect(lines[2]).toMatch(/^ID +NAME +PATTERN +POOL +HOSTS +EMAIL DOMAINS +IDP +METADATA$/);
    expect(lines[4]).toMatch(
      /^acme +Acme Corp +dedicated +acme-dev +acme\.app\.example\.com +acme\.com +AcmeOkta +metadata\/acme\.xml$/,
    );
    expect(lines[5]).toMatch(
      /^globex +Globex +shared +shared-00 \(shared-dev\) +globex\.app\.example\.com +globex\.com +GlobexEntra/,
    );
  });

  it('gives the same rows as JSON, with subdomain matching marked', async () => {
    const fx = fixture(
      environment([
        dedicatedTenant(),
        sharedTenant({ includeSubdomains: true, emailDomains: ['globex.com', 'globex.de'] }),
      ]),
    );
    const result = await run(['list', fx.file, '--json']);
    const out = JSON.parse(result.stdout);
    expect(out.environment).toBe('dev');
    expect(out.tenants[1]).toEqual({
      id: 'globex',
      displayName: 'Globex',
      pattern: 'shared',
      pool: 'shared-00 (shared-dev)',
      hosts: ['globex.app.example.com'],
      emailDomains: ['globex.com (+subdomains)', 'globex.de (+subdomains)'],
      identityProvider: 'GlobexEntra',
      metadata: 'metadata/globex.xml',
    });
  });

  it('says how to add the first tenant to an empty file', async () => {
    const result = await run(['list', fixture(environment([])).file]);
    expect(result.stdout).toContain('no tenants yet (add one with: ./scripts/pnpmw tenant add dev)');
  });

  it('fails an invalid file and names the tenant and field', async () => {
    const fx = fixture(environment([dedicatedTenant({ emailDomains: ['acme..com'] })]));
    const result = await run(['list', fx.file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tenants[0] (tenant 'acme').emailDomains[0]: not a valid email domain");
  });

  it('shows control characters in names as ?', async () => {
    const fx = fixture(environment([dedicatedTenant({ displayName: 'Acme\u001b[31m Corp' })]));
    const result = await run(['list', fx.file]);
    expect(result.stdout).toContain('Acme?[31m Corp');
    expect(result.stdout).not.toContain('\u001b');
  });
});
