import { parseEnvironment, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import {
  ALIASES_PER_DISTRIBUTION,
  CUSTOM_ATTRIBUTE_MAX_LENGTH,
  DISTRIBUTIONS_PER_SHARED_POLICY,
  IDPS_PER_POOL,
  NAMES_PER_CERTIFICATE,
  NAMES_PER_CERTIFICATE_MAX,
  POOLS_PER_ACCOUNT,
  quotaFindings,
} from '@cognito-tenancy/tenant-tool/check/quotas';
import { describe, expect, it } from '@jest/globals';
import { dedicatedTenant, environment, sharedTenant } from './helpers/environment';

const parse = (raw: unknown) => parseEnvironment(raw, 'dev.json');
const dedicatedMany = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    dedicatedTenant({
      id: `d${i}-co`,
      hosts: [`d${i}.app.example.com`],
      emailDomains: [`d${i}.com`],
      idp: { name: `D${i}`, metadataUrl: `https://idp.example.com/${i}` },
      pool: { domainPrefix: `d${i}-dev` },
    }),
  );
const sharedMany = (n: number, over: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: n }, (_, i) =>
    sharedTenant({
      id: `t${i}-co`,
      hosts: [`t${i}.app.example.com`],
      emailDomains: [`t${i}.com`],
      idp: { name: `T${i}`, metadataUrl: `https://idp.example.com/${i}` },
      ...over(i),
    }),
  );
const findings = (env: ResolvedEnvironment) => quotaFindings(env).map((f) => [f.severity, f.code, f.where]);

describe('quotaFindings', () => {
  it('passes an ordinary environment', () => {
    expect(quotaFindings(parse(environment([dedicatedTenant(), sharedTenant()])))).toEqual([]);
  });

  const noUrls = (n: number, over: (i: number) => Record<string, unknown> = () => ({})) =>
    sharedMany(n, (i) => ({
      hosts: [],
      callbackUrls: [`https://app.example.com/cb${i % 50}`],
      logoutUrls: ['https://app.example.com/'],
      ...over(i),
    }));

  it(`fails a shard of more than ${IDPS_PER_POOL} shared tenants, naming the shard`, () => {
    // Validation refuses such a file; the check stands on its own all the same.
    const full = parse(environment(noUrls(IDPS_PER_POOL)));
    const over = { ...full, tenants: [...full.tenants, { ...full.tenants[0]!, id: 'extra-co' }] };
    expect(findings(over)).toEqual([['error', 'quota.idps-per-pool', "sharedPool (shard 'shared-00')"]]);
  });

  it('counts IdPs per shard: a full shard beside another one is no finding', () => {
    const tenants = noUrls(IDPS_PER_POOL + 20, (i) => (i < IDPS_PER_POOL ? {} : { sharedPool: 'shared-01' }));
    expect(findings(parse(environment(tenants)))).toEqual([]);
  });

  it('counts one user pool per shard with tenants', () => {
    const dedicated = dedicatedMany(POOLS_PER_ACCOUNT - 3);
    const shards = (n: number) => noUrls(n, (i) => ({ sharedPool: `shared-0${i}` }));
    // 997 dedicated pools and 4 shards: 1,001 pools (one shared pool would have made 998).
    expect(findings(parse(environment([...dedicated, ...shards(4)])))).toEqual([
      ['error', 'quota.pools-per-account', 'tenants'],
    ]);
    expect(findings(parse(environment([...dedicated, ...shards(3)])))).toEqual([
      ['warning', 'quota.pools-per-account', 'tenants'],
    ]);
  });

  it('fails when the shared app client would need more than 100 callback URLs', () => {
    const result = quotaFindings(parse(environment(sharedMany(101))));
    expect(result.map((f) => f.code)).toEqual(['quota.urls-per-app-client', 'quota.urls-per-app-client']);
    expect(result[0]?.message).toBe(
      'shared tenants of shard shared-00 have 101 callback URLs; its app client allows 100',
    );
  });

  it(`fails more than ${POOLS_PER_ACCOUNT} user pools`, () => {
    const dedicated = dedicatedMany(POOLS_PER_ACCOUNT);
    const result = quotaFindings(parse(environment([...dedicated, sharedTenant()])));
    expect(result.map((f) => [f.severity, f.code])).toEqual([['error', 'quota.pools-per-account']]);
    expect(result[0]?.message).toContain('1001 user pools; Cognito allows 1000 per account and region');
  });

  it('fails more than 50 identifiers for one IdP', () => {
    const env = parse(environment([sharedTenant()]));
    const many = {
      ...env,
      tenants: [{ ...env.tenants[0]!, emailDomains: Array.from({ length: 51 }, (_, i) => `d${i}.com`) }],
    };
    expect(findings(many)).toEqual([
      ['error', 'quota.identifiers-per-idp', "tenants[0] (tenant 'globex').emailDomains"],
    ]);
  });

  it('fails an email domain too long to be an IdP identifier (infra registers each domain as one)', () => {
    const long = parse(
      environment([sharedTenant({ emailDomains: ['a-very-long-subsidiary-name.example-holdings.com'] })]),
    );
    expect(findings(long)).toEqual([
      ['error', 'quota.identifier-length', "tenants[0] (tenant 'globex').emailDomains"],
    ]);
    const fits = parse(environment([sharedTenant({ emailDomains: [`${'a'.repeat(36)}.com`] })]));
    expect(findings(fits)).toEqual([]);
  });

  it('fails a domain prefix with a word Cognito reserves', () => {
    const env = parse(
      environment([dedicatedTenant({ pool: { domainPrefix: 'acme-cognito' } })], {
        sharedPool: { domainPrefix: 'amazonish' },
      }),
    );
    expect(findings(env)).toEqual([
      ['error', 'naming.reserved-domain-word', 'sharedPool.domainPrefix'],
      ['error', 'naming.reserved-domain-word', "tenants[0] (tenant 'acme').pool.domainPrefix"],
    ]);
  });

  it('warns when groups are mapped without any filter', () => {
    const env = parse(environment([sharedTenant({ groups: { allow: [], prefixes: [] } })]));
    expect(findings(env)).toEqual([
      ['warning', 'quota.groups-unfiltered', "tenants[0] (tenant 'globex').groups"],
    ]);
    const unmapped = parse(
      environment([
        sharedTenant({
          groups: { allow: [], prefixes: [] },
          idp: { name: 'G', metadataFile: 'g.xml', attributeMapping: { email: 'mail' } },
        }),
      ]),
    );
    expect(findings(unmapped)).toEqual([]);
  });

  it(`fails allowed groups that cannot fit in the ${CUSTOM_ATTRIBUTE_MAX_LENGTH}-character attribute`, () => {
    const allow = Array.from(
      { length: 100 },
      (_, i) => `group-with-a-long-name-${String(i).padStart(3, '0')}`,
    );
    const result = quotaFindings(parse(environment([sharedTenant({ groups: { allow, prefixes: [] } })])));
    expect(result.map((f) => f.code)).toEqual(['quota.custom-attribute-length']);
    expect(result[0]?.message).toMatch(/sends 2\d{3} characters; custom:groups holds 2048/);
    const fits = quotaFindings(
      parse(environment([sharedTenant({ groups: { allow: allow.slice(0, 50), prefixes: [] } })])),
    );
    expect(fits).toEqual([]);
  });

  describe('hosting', () => {
    /**
     * `n` dedicated tenants with one host each, and one shared tenant whose host is an alias
     * too but gets no distribution of its own; one app host. With a certificate: n + 2 names.
     */
    const hosted = (n: number, certificate?: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      parse(
        environment(
          [
            ...dedicatedMany(n),
            sharedTenant({
              hosts: ['globex.app.example.com'],
              callbackUrls: ['https://app.example.com/callback'],
              idp: { name: 'GlobexEntra', metadataUrl: 'https://idp.example.com/globex' },
            }),
          ],
          {
            api: { corsOrigins: ['https://app.example.com'] },
            hosting: { appHosts: ['app.example.com'], ...(certificate ? { certificate } : {}), ...extra },
          },
        ),
      );
    const zone = { route53ZoneId: 'Z0EXAMPLE1FICTION4L' };
    const arn = { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' };
    const names = (n: number) => n - 2; // dedicated tenants for n names

    it(`counts every tenant and app host as a certificate name: warning from 90% of ACM's ${NAMES_PER_CERTIFICATE}, error past it`, () => {
      expect(findings(hosted(names(NAMES_PER_CERTIFICATE - 2), zone))).toEqual([]);
      expect(findings(hosted(names(NAMES_PER_CERTIFICATE - 1), zone))).toEqual([
        ['warning', 'quota.names-per-certificate', 'hosting.certificate'],
      ]);
      expect(findings(hosted(names(NAMES_PER_CERTIFICATE), zone))).toEqual([
        ['warning', 'quota.names-per-certificate', 'hosting.certificate'],
      ]);
      const over = quotaFindings(hosted(names(NAMES_PER_CERTIFICATE + 1), zone));
      expect(over.map((f) => [f.severity, f.code])).toEqual([['error', 'quota.names-per-certificate']]);
      expect(over[0]?.message).toBe(
        `${NAMES_PER_CERTIFICATE + 1} tenant and app hosts on the one certificate infra requests; ACM allows ${NAMES_PER_CERTIFICATE} by default (up to ${NAMES_PER_CERTIFICATE_MAX} once raised)`,
      );
      expect(over[0]?.fix).toContain('hosting.wildcardAlias');
      expect(over[0]?.fix).toContain('us-east-1');
    });

    it(`names ACM's maximum past ${NAMES_PER_CERTIFICATE_MAX} names, beside CloudFront's ${ALIASES_PER_DISTRIBUTION} aliases`, () => {
      expect(findings(hosted(names(NAMES_PER_CERTIFICATE_MAX), zone)).map((f) => f[1])).toEqual([
        'quota.aliases-per-distribution',
        'quota.names-per-certificate',
      ]);
      const over = quotaFindings(hosted(names(NAMES_PER_CERTIFICATE_MAX + 1), zone));
      expect(over.map((f) => [f.severity, f.code])).toEqual([
        ['error', 'quota.aliases-per-distribution'],
        ['error', 'quota.names-per-certificate'],
      ]);
      expect(over[1]?.message).toContain(`ACM allows at most ${NAMES_PER_CERTIFICATE_MAX}`);
    });

    it('counts a wildcard alias as one name, however many tenant hosts it covers', () => {
      const n = names(NAMES_PER_CERTIFICATE_MAX + 1);
      expect(findings(hosted(n, zone)).length).toBeGreaterThan(0);
      const wildcard = hosted(n, zone, { wildcardAlias: '*.app.example.com' });
      expect(wildcard.tenants.length).toBeGreaterThanOrEqual(NAMES_PER_CERTIFICATE_MAX);
      expect(findings(wildcard)).toEqual([]);
      // Past ACM's 10 with app hosts outside the wildcard: the fix is about those, not the wildcard.
      const outside = Array.from({ length: NAMES_PER_CERTIFICATE }, (_, i) => `portal${i}.example.net`);
      const over = quotaFindings(hosted(2, zone, { wildcardAlias: '*.app.example.com', appHosts: outside }));
      expect(over.map((f) => [f.severity, f.code])).toEqual([['error', 'quota.names-per-certificate']]);
      expect(over[0]?.fix).toContain('list fewer hosting.appHosts outside *.app.example.com');
    });

    it('counts only the aliases for an existing certificate', () => {
      expect(findings(hosted(names(ALIASES_PER_DISTRIBUTION * 0.9 - 1), arn))).toEqual([]);
      expect(findings(hosted(names(ALIASES_PER_DISTRIBUTION * 0.9), arn))).toEqual([
        ['warning', 'quota.aliases-per-distribution', 'hosting'],
      ]);
      expect(findings(hosted(names(ALIASES_PER_DISTRIBUTION + 1), arn))).toEqual([
        ['error', 'quota.aliases-per-distribution', 'hosting'],
      ]);
    });

    it(`counts distributions without a certificate: the main one and one per dedicated tenant, ${DISTRIBUTIONS_PER_SHARED_POLICY} on one policy`, () => {
      // The shared tenant has no distribution: 88 dedicated + main = 89.
      expect(findings(hosted(DISTRIBUTIONS_PER_SHARED_POLICY * 0.9 - 2))).toEqual([]);
      expect(findings(hosted(DISTRIBUTIONS_PER_SHARED_POLICY * 0.9 - 1))).toEqual([
        ['warning', 'quota.distributions-per-policy', 'hosting'],
      ]);
      expect(findings(hosted(DISTRIBUTIONS_PER_SHARED_POLICY))).toEqual([
        ['error', 'quota.distributions-per-policy', 'hosting'],
      ]);
    });
  });
});
