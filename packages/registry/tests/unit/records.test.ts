import { describe, expect, it } from '@jest/globals';
import {
  parseClientRecord,
  parseDomainItem,
  parseHostRecord,
  parseIssuerIndexRecord,
  parseIssuerRecord,
  parseProviderRecord,
  parseRevocationItem,
  parseTenantClaimsItem,
  parseTenantItem,
} from '../../src/records';

const host = {
  tenantId: 'acme',
  pattern: 'dedicated',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123',
  clientId: 'abc123clientid',
  cognitoDomain: 'acme-dev.auth.eu-west-1.amazoncognito.com',
  identityProvider: 'AcmeOkta',
  redirectUri: 'https://acme.app.example.com/callback',
};

const issuer = {
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
  userPoolId: 'eu-west-1_AbC123',
  region: 'eu-west-1',
  clientIds: ['c1', 'c2'],
};

const client = {
  clientId: 'abc123client',
  userPoolId: 'eu-west-1_AbC123',
  tenantId: 'acme',
  providerName: 'AcmeOkta',
};

describe('record parsers', () => {
  it('keeps only the documented fields of a host record', () => {
    expect(parseHostRecord({ ...host, secret: 'x', __proto__: { admin: true } })).toEqual(host);
  });

  it.each(['tenantId', 'pattern', 'region', 'userPoolId', 'clientId', 'identityProvider', 'redirectUri'])(
    'names the field when a host record lacks %s',
    (field) => {
      const broken: Record<string, unknown> = { ...host };
      delete broken[field];
      expect(() => parseHostRecord(broken)).toThrow(`host record: invalid or missing field '${field}'`);
    },
  );

  it('refuses non-objects', () => {
    for (const value of [null, 'x', 1, [host]]) expect(() => parseHostRecord(value)).toThrow('(root)');
  });

  it("keeps a host record's display name when present and refuses an empty or oversized one", () => {
    expect(parseHostRecord({ ...host, displayName: 'Acme Corp' }).displayName).toBe('Acme Corp');
    expect(parseHostRecord(host)).not.toHaveProperty('displayName');
    expect(() => parseHostRecord({ ...host, displayName: '' })).toThrow("'displayName'");
    expect(() => parseHostRecord({ ...host, displayName: 'x'.repeat(129) })).toThrow("'displayName'");
    expect(() => parseHostRecord({ ...host, displayName: 7 })).toThrow("'displayName'");
  });

  it('requires a tenant on dedicated issuers and forbids one on shared issuers', () => {
    expect(parseIssuerRecord({ ...issuer, pattern: 'dedicated', tenantId: 'acme' }).tenantId).toBe('acme');
    expect(() => parseIssuerRecord({ ...issuer, pattern: 'dedicated' })).toThrow("'tenantId'");
    expect(parseIssuerRecord({ ...issuer, pattern: 'shared' })).not.toHaveProperty('tenantId');
    expect(() => parseIssuerRecord({ ...issuer, pattern: 'shared', tenantId: 'acme' })).toThrow("'tenantId'");
    expect(() => parseIssuerRecord({ ...issuer, pattern: 'shared', clientIds: 'c1' })).toThrow("'clientIds'");
  });

  it('parses provider records', () => {
    const record = { tenantId: 'acme', userPoolId: 'local_AbCd1234', providerName: 'AcmeOkta' };
    expect(parseProviderRecord(record)).toEqual(record);
    expect(() => parseProviderRecord({ ...record, tenantId: '' })).toThrow("'tenantId'");
  });

  it('parses client records, keeping only the documented fields', () => {
    expect(parseClientRecord({ ...client, admin: true, __proto__: { tenantId: 'globex' } })).toEqual(client);
  });

  it.each([
    ['clientId', 'abc/../x'],
    ['clientId', 'c-1'],
    ['clientId', 'x'.repeat(129)],
    ['clientId', ['abc123client']],
    ['userPoolId', 'eu-west-1_AbC123/x'],
    ['tenantId', 'Acme'],
    ['tenantId', 'a'.repeat(3000)],
    ['providerName', 'Acme_Okta'],
    ['providerName', ''],
  ])('refuses a client record whose %s is %j, naming the field', (field, value) => {
    expect(() => parseClientRecord({ ...client, [field]: value })).toThrow(
      `client record: invalid or missing field '${field}'`,
    );
    const missing: Record<string, unknown> = { ...client };
    delete missing[field];
    expect(() => parseClientRecord(missing)).toThrow(`'${field}'`);
  });

  it('refuses a client record that is not an object', () => {
    for (const value of [null, 'x', 1, [{}]]) expect(() => parseClientRecord(value)).toThrow('(root)');
  });

  it('accepts a shared issuer that lists no common client', () => {
    expect(parseIssuerRecord({ ...issuer, pattern: 'shared', clientIds: [] }).clientIds).toEqual([]);
  });

  it('parses domain items with subdomain opt-in defaulting to false', () => {
    const { pattern: _pattern, ...rest } = host;
    const item = { ...rest, pattern: 'shared', displayName: 'Acme Corp' };
    expect(parseDomainItem(item).includeSubdomains).toBe(false);
    expect(parseDomainItem({ ...item, includeSubdomains: true }).includeSubdomains).toBe(true);
    expect(() => parseDomainItem({ ...item, includeSubdomains: 'yes' })).toThrow("'includeSubdomains'");
  });

  it('parses tenant claims items and validates their domains', () => {
    const item = { tenantId: 'acme', emailDomains: ['acme.com'], groups: { allow: ['Admins'] } };
    expect(parseTenantClaimsItem(item)).toEqual({
      tenantId: 'acme',
      emailDomains: ['acme.com'],
      groups: { allow: ['Admins'], prefixes: [] },
    });
    expect(() => parseTenantClaimsItem({ ...item, emailDomains: ['ACME.com'] })).toThrow("'emailDomains'");
    expect(() => parseTenantClaimsItem({ ...item, emailDomains: [1] })).toThrow("'emailDomains'");
  });

  it('parses tenant items, with the admin group only when there is one', () => {
    const item = {
      tenantId: 'globex',
      pattern: 'shared',
      userPoolId: 'eu-west-1_Shared1',
      providerNames: ['GlobexEntra'],
    };
    expect(parseTenantItem({ ...item, extra: 'x' })).toEqual(item);
    expect(parseTenantItem(item)).not.toHaveProperty('adminGroup');
    expect(parseTenantItem({ ...item, adminGroup: 'CN=Admins,OU=X' }).adminGroup).toBe('CN=Admins,OU=X');
    expect(parseTenantItem({ ...item, providerNames: new Set(['GlobexEntra']) }).providerNames).toEqual([
      'GlobexEntra',
    ]);
  });

  it.each([
    ['no IdP', { providerNames: [] }, 'providerNames'],
    ['an IdP name with an underscore', { providerNames: ['Globex_Entra'] }, 'providerNames'],
    ['an empty admin group', { adminGroup: '' }, 'adminGroup'],
    ['an admin group that is not a string', { adminGroup: ['Admins'] }, 'adminGroup'],
    ['a pool id that is not one', { userPoolId: '../x' }, 'userPoolId'],
  ])('refuses a tenant item with %s', (_label, change, field) => {
    const item = { tenantId: 'globex', pattern: 'shared', userPoolId: 'eu-west-1_S1', providerNames: ['G'] };
    expect(() => parseTenantItem({ ...item, ...change })).toThrow(
      `tenant item: invalid or missing field '${field}'`,
    );
  });

  it('parses revocation items: a positive whole number of epoch seconds', () => {
    expect(parseRevocationItem({ revokedBefore: 1_700_000_000, revokedBy: 'x' })).toEqual({
      revokedBefore: 1_700_000_000,
    });
    for (const revokedBefore of [
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e11,
      '1700000000',
      null,
    ]) {
      expect(() => parseRevocationItem({ revokedBefore })).toThrow(
        "revocation item: invalid or missing field 'revokedBefore'",
      );
    }
    expect(() => parseRevocationItem({})).toThrow("'revokedBefore'");
    expect(() => parseRevocationItem(Object.create({ revokedBefore: 1 }))).toThrow("'revokedBefore'");
  });

  it('parses an issuer index shard and refuses a damaged one, naming the field', () => {
    const shard = { shard: 1, shards: 2, userPoolIds: ['eu-west-1_AbC123', 'us-east-1_Xyz9'] };
    expect(parseIssuerIndexRecord({ ...shard, extra: true })).toEqual(shard);
    expect(() => parseIssuerIndexRecord({ ...shard, shard: 2 })).toThrow("'shard'");
    expect(() => parseIssuerIndexRecord({ ...shard, shards: 0 })).toThrow("'shards'");
    expect(() => parseIssuerIndexRecord({ ...shard, shard: 0.5 })).toThrow("'shard'");
    expect(() => parseIssuerIndexRecord({ ...shard, userPoolIds: ['eu-west-1_AbC123/x'] })).toThrow(
      "'userPoolIds'",
    );
    expect(() => parseIssuerIndexRecord({ ...shard, userPoolIds: 'eu-west-1_AbC123' })).toThrow(
      "'userPoolIds'",
    );
  });
});
