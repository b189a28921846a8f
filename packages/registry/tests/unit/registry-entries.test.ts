import { describe, expect, it } from '@jest/globals';
import { parseEnvironment } from '../../src/environment';
import {
  domainItemKey,
  hostParameterName,
  ISSUER_INDEX_SHARD_SIZE,
  issuerIndexParameterName,
  issuerParameterName,
  poolItemKey,
  providerItemKey,
  providerParameterName,
  tenantItemKey,
} from '../../src/keys';
import {
  parseClientRecord,
  parseDomainItem,
  parseHostRecord,
  parseIssuerIndexRecord,
  parseIssuerRecord,
  parseProviderRecord,
  parseTenantClaimsItem,
  parseTenantItem,
} from '../../src/records';
import { type EnvironmentPools, RegistryEntriesError, registryEntries } from '../../src/registry-entries';
import { devEnvironment, FIXTURE_ACME } from '../support/registry-fixture';

const env = devEnvironment([
  FIXTURE_ACME,
  {
    id: 'globex',
    displayName: 'Globex',
    pattern: 'shared',
    emailDomains: ['globex.com'],
    includeSubdomains: true,
    idp: { name: 'GlobexEntra', metadataUrl: 'https://login.globex.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
]);

const pools: EnvironmentPools = {
  sharedPools: {
    'shared-00': {
      userPoolId: 'eu-west-1_Shared1',
      clientId: 'sharedclient1',
      cognitoDomain: 'shared-dev.auth.eu-west-1.amazoncognito.com',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shared1',
    },
  },
  dedicatedPools: {
    acme: {
      userPoolId: 'eu-west-1_Acme1',
      clientId: 'acmeclient1',
      cognitoDomain: 'acme-dev.auth.eu-west-1.amazoncognito.com',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Acme1',
    },
  },
};

const prefix = '/cognito-tenancy/dev';
const entries = registryEntries(env, pools);
const parameter = (name: string) => entries.parameters.find((p) => p.name === name);
const item = (key: string) => entries.items.find((i) => i.key === key);

describe('registryEntries', () => {
  it('writes one parameter per host, per pool issuer and per shared IdP, at the validated key names', () => {
    expect(entries.parameters.map((p) => p.name).sort()).toEqual(
      [
        hostParameterName(prefix, 'acme.app.example.com'),
        hostParameterName(prefix, 'acme-eu.app.example.com'),
        issuerParameterName(prefix, 'eu-west-1_Acme1'),
        issuerParameterName(prefix, 'eu-west-1_Shared1'),
        providerParameterName(prefix, 'eu-west-1_Shared1', 'GlobexEntra'),
        issuerIndexParameterName(prefix, 0),
      ].sort(),
    );
  });

  it('writes one item per email domain, per shared IdP, per dedicated pool and per tenant, at the validated keys', () => {
    expect(entries.items.map((i) => i.key).sort()).toEqual(
      [
        domainItemKey('acme.com').pk,
        domainItemKey('acme.de').pk,
        domainItemKey('globex.com').pk,
        providerItemKey('eu-west-1_Shared1', 'GlobexEntra').pk,
        poolItemKey('eu-west-1_Acme1').pk,
        tenantItemKey('acme').pk,
        tenantItemKey('globex').pk,
      ].sort(),
    );
    for (const entry of entries.items) expect(entry.item.pk).toBe(entry.key);
  });

  it('produces records that the readers parse back unchanged', () => {
    for (const p of entries.parameters) {
      const parsed = JSON.parse(p.value) as unknown;
      const parse = {
        host: parseHostRecord,
        issuer: parseIssuerRecord,
        provider: parseProviderRecord,
        client: parseClientRecord,
        'issuer-index': parseIssuerIndexRecord,
      }[p.kind];
      expect(parse(parsed)).toEqual(p.record);
    }
    for (const i of entries.items) {
      const { pk: _pk, ...record } = i.item;
      const parse =
        i.kind === 'domain' ? parseDomainItem : i.kind === 'tenant' ? parseTenantItem : parseTenantClaimsItem;
      expect(parse(record)).toEqual(record);
    }
  });

  it('binds each host to its own tenant, pool and the callback URL served on that host', () => {
    const eu = parseHostRecord(
      JSON.parse(parameter(hostParameterName(prefix, 'acme-eu.app.example.com'))!.value),
    );
    expect(eu).toEqual({
      tenantId: 'acme',
      pattern: 'dedicated',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_Acme1',
      clientId: 'acmeclient1',
      cognitoDomain: 'acme-dev.auth.eu-west-1.amazoncognito.com',
      identityProvider: 'AcmeOkta',
      redirectUri: 'https://acme-eu.app.example.com/cb',
      displayName: 'Acme Corp',
    });
  });

  it('names the tenant in a dedicated issuer and no tenant in the shared one', () => {
    const dedicated = parseIssuerRecord(
      JSON.parse(parameter(issuerParameterName(prefix, 'eu-west-1_Acme1'))!.value),
    );
    const shared = parseIssuerRecord(
      JSON.parse(parameter(issuerParameterName(prefix, 'eu-west-1_Shared1'))!.value),
    );
    expect(dedicated).toMatchObject({ tenantId: 'acme', clientIds: ['acmeclient1'], pattern: 'dedicated' });
    expect(shared.tenantId).toBeUndefined();
    expect(shared).toMatchObject({ pattern: 'shared', clientIds: ['sharedclient1'] });
  });

  it('binds a shared IdP to its tenant with that tenant’s domains and group policy only', () => {
    const claims = item(providerItemKey('eu-west-1_Shared1', 'GlobexEntra').pk)!.item;
    expect(claims).toEqual({
      pk: 'IDP#eu-west-1_Shared1#GlobexEntra',
      tenantId: 'globex',
      emailDomains: ['globex.com'],
      groups: { allow: [], prefixes: [] },
    });
    const pool = item(poolItemKey('eu-west-1_Acme1').pk)!.item;
    expect(pool).toMatchObject({ tenantId: 'acme', emailDomains: ['acme.com', 'acme.de'] });
    expect(pool).toMatchObject({ groups: { allow: ['Admins'], prefixes: ['app-'] } });
  });

  it('describes each tenant for administration: its pool, its IdP and its admin group when it has one', () => {
    expect(item(tenantItemKey('acme').pk)!.item).toEqual({
      pk: 'TENANT#acme',
      tenantId: 'acme',
      pattern: 'dedicated',
      userPoolId: 'eu-west-1_Acme1',
      providerNames: ['AcmeOkta'],
      adminGroup: 'Admins',
    });
    const globex = item(tenantItemKey('globex').pk)!.item;
    expect(globex).toEqual({
      pk: 'TENANT#globex',
      tenantId: 'globex',
      pattern: 'shared',
      userPoolId: 'eu-west-1_Shared1',
      providerNames: ['GlobexEntra'],
    });
    expect(globex).not.toHaveProperty('adminGroup');
  });

  it('carries the subdomain opt-in and the shared pool into domain items', () => {
    const globex = parseDomainItem(item(domainItemKey('globex.com').pk)!.item);
    expect(globex).toMatchObject({
      tenantId: 'globex',
      pattern: 'shared',
      userPoolId: 'eu-west-1_Shared1',
      identityProvider: 'GlobexEntra',
      includeSubdomains: true,
      redirectUri: 'https://app.example.com/callback',
    });
    expect(parseDomainItem(item(domainItemKey('acme.de').pk)!.item).includeSubdomains).toBe(false);
  });

  it('passes deploy-time references through untouched', () => {
    const token = (n: number) => `\${TfToken[TOKEN.${n}]}`;
    const withTokens: EnvironmentPools = {
      sharedPools: {
        'shared-00': { userPoolId: token(1), clientId: token(2), cognitoDomain: 'd', issuer: token(3) },
      },
      dedicatedPools: {
        acme: { userPoolId: token(4), clientId: token(5), cognitoDomain: 'e', issuer: token(6) },
      },
    };
    const out = registryEntries(env, withTokens);
    expect(out.parameters.map((p) => p.name)).toContain(`${prefix}/providers/${token(1)}/GlobexEntra`);
    expect(out.items.map((i) => i.key)).toContain(`POOL#${token(4)}`);
    expect(JSON.parse(out.parameters.find((p) => p.id === 'issuer:acme')!.value)).toMatchObject({
      issuer: token(6),
      clientIds: [token(5)],
    });
  });

  it('lists every pool with an issuer record in the issuer index, and no other', () => {
    const index = entries.parameters.filter((p) => p.kind === 'issuer-index');
    expect(index.map((p) => p.record)).toEqual([
      { shard: 0, shards: 1, userPoolIds: ['eu-west-1_Shared1', 'eu-west-1_Acme1'] },
    ]);
  });

  it('splits the issuer index into shards of ISSUER_INDEX_SHARD_SIZE pools', () => {
    const tenants = Array.from({ length: ISSUER_INDEX_SHARD_SIZE + 1 }, (_, i) => ({
      id: `tenant${i}`,
      displayName: `T ${i}`,
      pattern: 'dedicated',
      hosts: [`t${i}.app.example.com`],
      emailDomains: [`t${i}.example.com`],
      idp: { name: `T${i}Okta`, metadataUrl: `https://idp.t${i}.example.com/metadata` },
      callbackUrls: [`https://t${i}.app.example.com/cb`],
      pool: { domainPrefix: `tenant${i}-dev` },
    }));
    const big = parseEnvironment({ environment: 'dev', region: 'eu-west-1', tenants }, 'big.json');
    const dedicatedPools = Object.fromEntries(
      tenants.map((t, i) => [
        t.id,
        { userPoolId: `eu-west-1_P${i}`, clientId: `c${i}`, cognitoDomain: 'd', issuer: `i${i}` },
      ]),
    );
    const index = registryEntries(big, { dedicatedPools })
      .parameters.filter((p) => p.kind === 'issuer-index')
      .map((p) => ({ name: p.name, record: parseIssuerIndexRecord(JSON.parse(p.value)) }));
    expect(index.map((s) => s.name)).toEqual([
      issuerIndexParameterName(prefix, 0),
      issuerIndexParameterName(prefix, 1),
    ]);
    expect(index.map((s) => [s.record.shard, s.record.shards, s.record.userPoolIds.length])).toEqual([
      [0, 2, ISSUER_INDEX_SHARD_SIZE],
      [1, 2, 1],
    ]);
  });

  it('gives every entry a distinct stable id without references', () => {
    const ids = [...entries.parameters, ...entries.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.join(' ')).not.toContain('eu-west-1_');
  });

  it('refuses pools that do not cover the tenants', () => {
    expect(() => registryEntries(env, { dedicatedPools: pools.dedicatedPools })).toThrow(
      new RegistryEntriesError("tenant 'globex': no identifiers given for its shared pool 'shared-00'"),
    );
    expect(() => registryEntries(env, { sharedPools: pools.sharedPools!, dedicatedPools: {} })).toThrow(
      /tenant 'acme': no identifiers given for its dedicated pool/,
    );
  });
});
