import { describe, expect, it } from '@jest/globals';
import {
  clientParameterName,
  cognitoIssuer,
  defaultRegistryPrefix,
  domainItemKey,
  hostParameterName,
  issuerParameterName,
  poolItemKey,
  providerItemKey,
  providerParameterName,
  revocationItemKey,
  tenantItemKey,
} from '../../src/keys';

const PREFIX = '/cognito-tenancy/dev';

describe('key layout', () => {
  it('builds the documented parameter names', () => {
    expect(defaultRegistryPrefix('dev')).toBe(PREFIX);
    expect(hostParameterName(PREFIX, 'acme.app.example.com')).toBe(
      '/cognito-tenancy/dev/hosts/acme.app.example.com',
    );
    expect(issuerParameterName(PREFIX, 'eu-west-1_AbC123')).toBe(
      '/cognito-tenancy/dev/issuers/eu-west-1_AbC123',
    );
    expect(providerParameterName(PREFIX, 'eu-west-1_AbC123', 'Acme-Okta')).toBe(
      '/cognito-tenancy/dev/providers/eu-west-1_AbC123/Acme-Okta',
    );
    expect(clientParameterName(PREFIX, 'eu-west-1_AbC123', '4f2a9c1e7b3d5a6c8e0f1a2b3c')).toBe(
      '/cognito-tenancy/dev/clients/eu-west-1_AbC123/4f2a9c1e7b3d5a6c8e0f1a2b3c',
    );
  });

  it('builds the documented tenant table keys', () => {
    expect(domainItemKey('acme.com')).toEqual({ pk: 'DOMAIN#acme.com' });
    expect(providerItemKey('local_AbCd1234', 'AcmeOkta')).toEqual({ pk: 'IDP#local_AbCd1234#AcmeOkta' });
    expect(poolItemKey('eu-west-1_AbC123')).toEqual({ pk: 'POOL#eu-west-1_AbC123' });
    expect(tenantItemKey('acme')).toEqual({ pk: 'TENANT#acme' });
  });

  it('builds the documented revocations table key', () => {
    expect(revocationItemKey('acme', '0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b')).toEqual({
      pk: 'acme#0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    });
  });

  it('builds the Cognito issuer of a pool', () => {
    expect(cognitoIssuer('eu-west-1', 'eu-west-1_AbC123')).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
    );
  });
});

describe('key builders refuse anything not already validated', () => {
  it.each([
    ['../issuers/x'],
    ['ACME.com'],
    ['acme.com/'],
    ['acme.com%2f..'],
    ['acme.com\u0000'],
    ['acme.com:443'],
    [''],
  ])('refuses host %j', (host) => {
    expect(() => hostParameterName(PREFIX, host)).toThrow('invalid host for a registry key');
    expect(() => domainItemKey(host)).toThrow('invalid email domain for a registry key');
  });

  it.each([['a/b'], ['../x'], ['pool'], ['eu-west-1_Ab#C']])('refuses user pool id %j', (pool) => {
    expect(() => issuerParameterName(PREFIX, pool)).toThrow('invalid user pool id');
    expect(() => poolItemKey(pool)).toThrow('invalid user pool id');
  });

  it.each([['Acme_Okta'], ['a/b'], ['x#y'], ['']])('refuses provider name %j', (name) => {
    expect(() => providerParameterName(PREFIX, 'eu-west-1_A1', name)).toThrow(
      'invalid identity provider name',
    );
    expect(() => providerItemKey('eu-west-1_A1', name)).toThrow('invalid identity provider name');
  });

  it.each([['a/b'], ['../x'], ['x#y'], ['c-1'], ['c 1'], ['c%2f'], ['x'.repeat(129)], ['']])(
    'refuses app client id %j',
    (clientId) => {
      expect(() => clientParameterName(PREFIX, 'eu-west-1_A1', clientId)).toThrow(
        'invalid app client id for a registry key',
      );
    },
  );

  it('refuses a bad pool or prefix in a client parameter', () => {
    expect(() => clientParameterName(PREFIX, '../x', 'c1')).toThrow('invalid user pool id');
    expect(() => clientParameterName('/a/../b', 'eu-west-1_A1', 'c1')).toThrow('invalid registry prefix');
  });

  it.each([
    ['0B6E8F2A-1C3D-4E5F-8A9B-0C1D2E3F4A5B'],
    ['0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5'],
    ['0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b#x'],
    ['0b6e8f2a1c3d4e5f8a9b0c1d2e3f4a5b'],
    ['" or sub ^= "'],
    [''],
  ])('refuses user sub %j in a revocation key', (sub) => {
    expect(() => revocationItemKey('acme', sub)).toThrow('invalid user sub for a registry key');
  });

  it.each([['Acme'], ['a#b'], ['ac'], ['']])('refuses tenant id %j', (tenant) => {
    expect(() => tenantItemKey(tenant)).toThrow('invalid tenant id for a registry key');
    expect(() => revocationItemKey(tenant, '0b6e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b')).toThrow(
      'invalid tenant id for a registry key',
    );
  });

  it('refuses a bad prefix or environment', () => {
    expect(() => hostParameterName('cognito-tenancy', 'acme.com')).toThrow('invalid registry prefix');
    expect(() => hostParameterName('/a/../b', 'acme.com')).toThrow('invalid registry prefix');
    expect(() => defaultRegistryPrefix('Dev/../x')).toThrow('invalid environment');
  });
});
