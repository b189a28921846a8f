import { describe, expect, it } from '@jest/globals';
import { IdentityError } from '../../src/errors';
import { identityProvider } from '../../src/identities';
import { identities } from './fixtures';

function reason(raw: string): string {
  try {
    identityProvider(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(IdentityError);
    return (error as IdentityError).reason;
  }
  throw new Error('expected a rejection');
}

describe('identityProvider', () => {
  it('returns the provider of a federated user', () => {
    expect(identityProvider(identities('AcmeIdP'))).toBe('AcmeIdP');
  });

  it('returns undefined for a native user', () => {
    expect(identityProvider(undefined)).toBeUndefined();
    expect(identityProvider('')).toBeUndefined();
    expect(identityProvider('[]')).toBeUndefined();
  });

  it('accepts several linked identities from the same provider', () => {
    expect(identityProvider(identities('AcmeIdP', 'AcmeIdP'))).toBe('AcmeIdP');
  });

  it('refuses identities from several providers', () => {
    expect(reason(identities('AcmeIdP', 'GlobexIdP'))).toBe('multiple-identity-providers');
  });

  it.each([
    ['not JSON', '[{providerName:AcmeIdP}]'],
    ['an object', '{"providerName":"AcmeIdP"}'],
    ['a string', '"AcmeIdP"'],
    ['an entry without a provider', '[{"userId":"1"}]'],
    ['a non-string provider', '[{"providerName":7}]'],
    ['null entries', '[null]'],
    ['a provider name with an underscore', '[{"providerName":"Acme_IdP"}]'],
    ['a provider name that could escape a key', '[{"providerName":"AcmeIdP#POOL"}]'],
    ['an inherited provider name', '[{"__proto__":{"providerName":"AcmeIdP"}}]'],
    ['an oversized value', `[${'{"providerName":"AcmeIdP"},'.repeat(1000)}{}]`],
  ])('refuses %s as malformed', (_name, raw) => {
    expect(reason(raw)).toBe('malformed-identities');
  });
});
