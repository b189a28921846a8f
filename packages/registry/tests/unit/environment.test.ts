import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  hostingAliases,
  loadEnvironmentFile,
  parseEnvironment,
  tenantCallbackUrls,
  tenantLogoutUrls,
} from '../../src/environment';
import { environmentProblems } from '../support/environment-problems';

const dedicated = {
  id: 'acme',
  displayName: 'Acme Corp',
  pattern: 'dedicated',
  hosts: ['ACME.app.example.com'],
  emailDomains: ['acme.com'],
  idp: { name: 'AcmeOkta', metadataUrl: 'https://acme.okta.example/metadata' },
  pool: { domainPrefix: 'acme-dev' },
};
const shared = {
  id: 'globex',
  displayName: 'Globex',
  pattern: 'shared',
  hosts: ['globex.app.example.com'],
  emailDomains: ['globex.com'],
  idp: { name: 'GlobexEntra', metadataFile: 'metadata/globex.xml' },
  groups: { allow: ['Admins'], prefixes: ['app-'], admin: 'Admins' },
};
const file = (tenants: unknown[], extra: Record<string, unknown> = {}) => ({
  environment: 'dev',
  region: 'eu-west-1',
  sharedPool: { domainPrefix: 'shared-dev' },
  tenants,
  ...extra,
});

// Every assertion names the problems it expects, so an accepted file ([]) fails it.
const problems = environmentProblems;

describe('parseEnvironment', () => {
  it('accepts both patterns, normalises hosts and fills defaults', () => {
    const env = parseEnvironment(file([dedicated, shared]), 'dev.json');
    expect(env.registryPrefix).toBe('/cognito-tenancy/dev');
    expect(env.tenants[0]?.hosts).toEqual(['acme.app.example.com']);
    expect(env.tenants[0]?.pool?.featurePlan).toBe('ESSENTIALS');
    expect(env.tenants[1]?.idp.attributeMapping.email).toContain('emailaddress');
    expect(tenantCallbackUrls(env.tenants[0]!)).toEqual(['https://acme.app.example.com/callback']);
    expect(tenantLogoutUrls(env.tenants[0]!)).toEqual(['https://acme.app.example.com/']);
  });

  it('names the tenant and field of a schema error', () => {
    const bad = { ...shared, emailDomains: ['globex.com/..'] };
    expect(problems(file([dedicated, bad]))).toEqual([
      "tenants[1] (tenant 'globex').emailDomains[0]: not a valid email domain (invalid-character)",
    ]);
  });

  it('reports every problem at once', () => {
    const list = problems(
      file([
        { ...dedicated, id: 'A' },
        { ...shared, idp: { name: 'Bad_Name', metadataUrl: 'http://x' } },
      ]),
    );
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.join('\n')).toMatch(/tenants\[0\].*\.id/);
    expect(list.join('\n')).toMatch(/tenants\[1\] \(tenant 'globex'\)\.idp\.name/);
  });

  it('requires exactly one metadata source', () => {
    const both = { ...shared, idp: { name: 'G', metadataUrl: 'https://x.test/m', metadataFile: 'm.xml' } };
    expect(problems(file([both]))).toEqual([
      "tenants[0] (tenant 'globex').idp: set exactly one of metadataUrl or metadataFile",
    ]);
  });

  it.each([
    ['host', { hosts: ['acme.app.example.com'] }],
    ['email domain', { emailDomains: ['ACME.com'] }],
    ['identity provider name', { idp: { name: 'AcmeOkta', metadataFile: 'x.xml' } }],
    ['identity provider name', { idp: { name: 'ACMEOKTA', metadataFile: 'x.xml' } }],
    ['id', { id: 'acme' }],
  ])('rejects a duplicate %s across tenants', (kind, override) => {
    const list = problems(file([dedicated, { ...shared, ...override }]));
    expect(
      list.some(
        (p) =>
          p.startsWith("tenants[1] (tenant '") &&
          p.includes(`${kind} '`) &&
          p.includes('already used by tenants[0]'),
      ),
    ).toBe(true);
  });

  it('enforces pattern-specific fields', () => {
    const { pool: _pool, ...noPool } = dedicated;
    expect(problems(file([noPool]))).toContain(
      "tenants[0] (tenant 'acme').pool: required for a dedicated tenant (its own user pool)",
    );
    expect(problems(file([{ ...shared, pool: { domainPrefix: 'x' } }]))[0]).toContain(
      'only dedicated tenants',
    );
    expect(problems({ ...file([shared]), sharedPool: undefined })).toEqual([
      'sharedPool: required when any tenant uses the shared pattern',
    ]);
  });

  it('refuses unknown fields, so typos do not pass silently', () => {
    expect(problems(file([{ ...shared, emailDomain: ['x.com'] }])).join()).toContain('emailDomain');
  });

  it('refuses non-https metadata and callback URLs', () => {
    const list = problems(
      file([
        {
          ...shared,
          idp: { name: 'G', metadataUrl: 'http://idp.test/m' },
          callbackUrls: ['http://evil.test/cb'],
        },
      ]),
    );
    expect(list.join('\n')).toContain('idp.metadataUrl');
    expect(list.join('\n')).toContain('callbackUrls[0]: must be an https:// URL');
  });
});

describe('hostingAliases', () => {
  it('lists every tenant host, then the app hosts, each once', () => {
    // Validation refuses a host used twice; the function does not rely on it.
    const env = {
      tenants: [
        { hosts: ['acme.app.example.com'] },
        { hosts: ['globex.app.example.com', 'acme.app.example.com'] },
      ],
      hosting: { appHosts: ['app.example.com', 'globex.app.example.com'] },
    } as unknown as Parameters<typeof hostingAliases>[0];
    expect(hostingAliases(env)).toEqual([
      'acme.app.example.com',
      'globex.app.example.com',
      'app.example.com',
    ]);
    expect(hostingAliases({ ...env, hosting: undefined })).toEqual([
      'acme.app.example.com',
      'globex.app.example.com',
    ]);
  });
});

describe('loadEnvironmentFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-'));

  it('reads a file and records its directory', () => {
    const path = join(dir, 'dev.json');
    writeFileSync(path, JSON.stringify(file([shared])));
    expect(loadEnvironmentFile(path).baseDir).toBe(dir);
  });

  it('names the file when it is missing or not JSON', () => {
    expect(() => loadEnvironmentFile(join(dir, 'nope.json'))).toThrow(
      /nope\.json: 1 problem\(s\)\n {2}- cannot read the file \(ENOENT\)/,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ tenants: ');
    expect(() => loadEnvironmentFile(bad)).toThrow(/bad\.json: .*\n {2}- not valid JSON/);
  });
});

describe('retiredTenants', () => {
  it('takes tenant ids beside tenantStacks, defaulting to none', () => {
    expect(parseEnvironment(file([shared]), 'dev.json').retiredTenants).toEqual([]);
    const env = parseEnvironment(
      file([shared], { tenantStacks: true, retiredTenants: ['acme'] }),
      'dev.json',
    );
    expect(env.retiredTenants).toEqual(['acme']);
  });

  it('refuses them without tenantStacks, for a tenant still listed, and malformed ids', () => {
    expect(problems(file([shared], { retiredTenants: ['acme'] }))).toEqual([
      'retiredTenants: only with "tenantStacks": true (in one stack, a tenant removed from the file is destroyed by the next deploy); remove "retiredTenants"',
    ]);
    expect(problems(file([shared], { tenantStacks: true, retiredTenants: ['globex'] }))).toEqual([
      "retiredTenants: 'globex' is still a tenant of the file; remove it from one of the two lists",
    ]);
    expect(problems(file([shared], { tenantStacks: true, retiredTenants: ['acme', 'acme'] }))).toEqual([
      "retiredTenants: 'acme' is listed twice; list each id once",
    ]);
    expect(problems(file([shared], { tenantStacks: true, retiredTenants: ['../x'] }))).toEqual([
      'retiredTenants[0]: 3-32 lowercase letters, digits or hyphens',
    ]);
  });
});
