/**
 * `hosting.wildcardAlias`: one alias and certificate name for every tenant host. A host the
 * wildcard does not cover would get no certificate and be refused by CloudFront, so the file
 * is refused instead; with `tenantStacks` the wildcard is what keeps tenants out of the
 * platform stack, so it is required there.
 */
import { describe, expect, it } from '@jest/globals';
import { hostingAliases, parseEnvironment, underWildcard } from '../../src/environment';
import { environmentProblems } from '../support/environment-problems';

const CERTIFICATE = { route53ZoneId: 'Z0EXAMPLE' };

const dedicated = (id: string, hosts: string[]) => ({
  id,
  displayName: id,
  pattern: 'dedicated',
  hosts,
  emailDomains: [`${id}.com`],
  idp: { name: `${id}Okta`, metadataUrl: `https://${id}.okta.example/metadata` },
  pool: { domainPrefix: `${id}-dev` },
});
const shared = (id: string, host = 'app.example.com') => ({
  id,
  displayName: id,
  pattern: 'shared',
  emailDomains: [`${id}.com`],
  idp: { name: `${id}Entra`, metadataUrl: `https://${id}.entra.example/metadata` },
  callbackUrls: [`https://${host}/callback`],
  logoutUrls: [`https://${host}/`],
});

const file = (hosting: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  environment: 'dev',
  region: 'eu-west-1',
  api: {},
  sharedPool: { domainPrefix: 'ct-dev-shared' },
  hosting,
  tenants: [dedicated('acme', ['acme.app.example.com']), shared('globex')],
  ...extra,
});

describe('hosting.wildcardAlias', () => {
  it('accepts a wildcard covering every tenant host, normalized to lower case', () => {
    const env = parseEnvironment(
      file({ wildcardAlias: '*.APP.Example.com', appHosts: ['app.example.com'], certificate: CERTIFICATE }),
      'dev.json',
    );
    expect(env.hosting?.wildcardAlias).toBe('*.app.example.com');
    expect(hostingAliases(env)).toEqual(['*.app.example.com', 'app.example.com']);
  });

  it('drops app hosts the wildcard covers from the aliases (one certificate name)', () => {
    const env = parseEnvironment(
      file({
        wildcardAlias: '*.app.example.com',
        appHosts: ['www.app.example.com', 'app.example.com'],
        certificate: CERTIFICATE,
      }),
      'dev.json',
    );
    expect(hostingAliases(env)).toEqual(['*.app.example.com', 'app.example.com']);
  });

  it.each([
    ['no wildcard', 'app.example.com', "it must start with '*.'"],
    ['a wildcard in the middle', 'a.*.example.com', "it must start with '*.'"],
    ['a top-level wildcard', '*.com', 'its suffix: single-label'],
    ['a double wildcard', '*.*.example.com', 'not a wildcard name'],
    ['an empty suffix', '*.', 'not a wildcard name'],
    ['an oversized name', `*.${'a'.repeat(300)}.com`, 'not a wildcard name'],
    ['a port (never silently dropped)', '*.app.example.com:8443', 'a name has no port'],
  ])('refuses %s', (_, wildcardAlias, message) => {
    const found = environmentProblems(file({ wildcardAlias, certificate: CERTIFICATE }));
    expect(found).toEqual([expect.stringContaining('hosting.wildcardAlias: not a wildcard name')]);
    expect(found[0]).toContain(message);
  });

  it.each([
    ['a host outside it', 'acme.example.net'],
    ['two labels under it', 'eu.acme.app.example.com'],
    ['its own suffix', 'app.example.com'],
  ])('refuses a tenant host that is %s, naming the tenant and a fix', (_, host) => {
    const found = environmentProblems({
      ...file({ wildcardAlias: '*.app.example.com', certificate: CERTIFICATE }),
      tenants: [dedicated('acme', [host])],
    });
    expect(found).toEqual([
      `tenants[0] (tenant 'acme').hosts: '${host}' is not one label under hosting.wildcardAlias '*.app.example.com'; use a host such as 'acme.app.example.com' or change the wildcard`,
    ]);
  });

  it('needs a certificate (without one there are no aliases)', () => {
    expect(environmentProblems(file({ wildcardAlias: '*.app.example.com' }))).toEqual([
      expect.stringContaining('hosting.wildcardAlias: needs hosting.certificate'),
    ]);
  });
});

describe('tenantStacks with hosting', () => {
  const withWildcard = {
    wildcardAlias: '*.app.example.com',
    appHosts: ['app.example.com'],
    certificate: CERTIFICATE,
  };

  it('is accepted with a wildcard, a certificate and the shared tenants on the app hosts', () => {
    expect(environmentProblems(file(withWildcard, { tenantStacks: true }))).toEqual([]);
  });

  it.each([
    ['without a wildcard', { appHosts: ['app.example.com'], certificate: CERTIFICATE }],
    ['without a certificate (dev without DNS)', {}],
  ])('is refused %s, saying what to set', (_, hosting) => {
    const found = environmentProblems(file(hosting, { tenantStacks: true }));
    expect(found).toEqual([
      expect.stringContaining(
        'tenantStacks: with hosting, set hosting.certificate and hosting.wildcardAlias',
      ),
    ]);
  });

  it('refuses a shared tenant signing in on a host the platform does not serve', () => {
    const found = environmentProblems({
      ...file(withWildcard, { tenantStacks: true }),
      tenants: [dedicated('acme', ['acme.app.example.com']), shared('globex', 'portal.example.com')],
    });
    expect(found).toEqual([
      expect.stringContaining(
        "tenants[1] (tenant 'globex').callbackUrls/logoutUrls: host 'portal.example.com' is not in hosting.appHosts",
      ),
    ]);
  });

  it('leaves one-stack files free to sign shared tenants in elsewhere', () => {
    const found = environmentProblems({
      ...file(withWildcard),
      tenants: [dedicated('acme', ['acme.app.example.com']), shared('globex', 'portal.example.com')],
    });
    expect(found).toEqual([]);
  });
});

describe('underWildcard', () => {
  it.each([
    ['acme.app.example.com', true],
    ['xn--bcher-kva.app.example.com', true],
    ['a.app.example.com', true],
    ['app.example.com', false],
    ['.app.example.com', false],
    ['a.b.app.example.com', false],
    ['a_b.app.example.com', false],
    ['evilapp.example.com', false],
    ['acme.app.example.com.evil.net', false],
    [`${'a'.repeat(64)}.app.example.com`, false],
  ])('%s -> %s', (host, expected) => {
    expect(underWildcard(host, '*.app.example.com')).toBe(expected);
  });

  it('is false for a pattern that is not a wildcard', () => {
    expect(underWildcard('acme.app.example.com', 'app.example.com')).toBe(false);
  });
});
