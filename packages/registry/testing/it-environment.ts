/**
 * The environment file the emulator (integration) tests of the Lambdas build on: `it` in
 * eu-west-1 with a shared pool, plus the two tenants most of them need.
 */
import { parseEnvironment, type ResolvedEnvironment } from '../src/environment';

/** Parses `tenants` as the tenants of the `it` environment (through the real schema). */
export function itEnvironment(tenants: readonly unknown[]): ResolvedEnvironment {
  return parseEnvironment(
    { environment: 'it', region: 'eu-west-1', sharedPool: { domainPrefix: 'shared-it' }, tenants },
    'it.json',
  );
}

/** A dedicated-pool tenant whose admin group is `Admins`. */
export const IT_ACME = {
  id: 'acme',
  displayName: 'Acme',
  pattern: 'dedicated',
  hosts: ['acme.localhost'],
  emailDomains: ['acme.example'],
  idp: { name: 'AcmeOkta', metadataUrl: 'https://acme.okta.example/metadata' },
  groups: { allow: ['Admins'], admin: 'Admins' },
  pool: { domainPrefix: 'acme-it' },
} as const;

/** A shared-pool tenant whose admin group is `sg-app-admins`. */
export const IT_GLOBEX = {
  id: 'globex',
  displayName: 'Globex',
  pattern: 'shared',
  emailDomains: ['globex.example'],
  idp: { name: 'GlobexEntra', metadataUrl: 'https://login.globex.example/metadata' },
  groups: { admin: 'sg-app-admins' },
  callbackUrls: ['https://app.example.com/callback'],
} as const;
