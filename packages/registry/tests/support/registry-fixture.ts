/**
 * An environment that exercises every kind of registry entry: a dedicated tenant with two
 * hosts, and shared tenants in two shards (one with an app host), with its pools.
 * `registry-entries.golden.json` is what registryEntries wrote for it before per-tenant
 * clients existed: output without `sharedClients` must stay byte-identical (infra compares).
 */
import { parseEnvironment } from '../../src/environment';
import type { EnvironmentPools, PoolIdentifiers } from '../../src/registry-entries';

export const FIXTURE_PREFIX = '/cognito-tenancy/dev';

/** A dedicated tenant with two hosts, an admin group and a group policy (the tenant file's form). */
export const FIXTURE_ACME = {
  id: 'acme',
  displayName: 'Acme Corp',
  pattern: 'dedicated',
  hosts: ['acme.app.example.com', 'acme-eu.app.example.com'],
  emailDomains: ['acme.com', 'acme.de'],
  idp: { name: 'AcmeOkta', metadataUrl: 'https://acme.okta.example/metadata' },
  groups: { allow: ['Admins'], prefixes: ['app-'], admin: 'Admins' },
  callbackUrls: ['https://acme.app.example.com/cb', 'https://acme-eu.app.example.com/cb'],
  pool: { domainPrefix: 'acme-dev' },
} as const;

/** `tenants` as the tenants of the `dev` environment in eu-west-1 (through the real schema). */
export function devEnvironment(tenants: readonly unknown[]) {
  return parseEnvironment(
    { environment: 'dev', region: 'eu-west-1', sharedPool: { domainPrefix: 'shared-dev' }, tenants },
    'dev.json',
  );
}

export const fixtureEnvironment = devEnvironment([
  FIXTURE_ACME,
  {
    id: 'globex',
    displayName: 'Globex',
    pattern: 'shared',
    hosts: ['globex.app.example.com'],
    emailDomains: ['globex.com'],
    includeSubdomains: true,
    idp: { name: 'GlobexEntra', metadataUrl: 'https://login.globex.example/metadata' },
    groups: { admin: 'sg-admins' },
    callbackUrls: ['https://globex.app.example.com/callback', 'https://app.example.com/callback'],
  },
  {
    id: 'initech',
    displayName: 'Initech',
    pattern: 'shared',
    sharedPool: 'shared-01',
    emailDomains: ['initech.com'],
    idp: { name: 'InitechOkta', metadataUrl: 'https://initech.okta.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
  {
    id: 'umbrella',
    displayName: 'Umbrella',
    pattern: 'shared',
    emailDomains: ['umbrella.com'],
    idp: { name: 'UmbrellaAdfs', metadataUrl: 'https://adfs.umbrella.example/metadata' },
    callbackUrls: ['https://app.example.com/callback'],
  },
]);

const identifiers = (poolId: string, clientId: string, domain: string): PoolIdentifiers => ({
  userPoolId: `eu-west-1_${poolId}`,
  clientId,
  cognitoDomain: `${domain}.auth.eu-west-1.amazoncognito.com`,
  issuer: `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_${poolId}`,
});

export const fixturePools: EnvironmentPools = {
  sharedPools: {
    'shared-00': identifiers('Shared0', 'sharedclient0', 'shared-dev'),
    'shared-01': identifiers('Shared1', 'sharedclient1', 'shared-dev-01'),
  },
  dedicatedPools: { acme: identifiers('Acme1', 'acmeclient1', 'acme-dev') },
};
