import { describe, expect, it } from '@jest/globals';
import {
  EmailDomainError,
  IdentityError,
  RegistryError,
  UnknownTenantError,
  UnsupportedEventError,
} from '../../src/errors';
import { decideOutcome, reasonOf } from '../../src/outcome';

describe('decideOutcome', () => {
  const cases = [
    [new UnsupportedEventError('unsupported-version'), 'reject', 'reject'],
    [new UnsupportedEventError('unsupported-event'), 'reject', 'reject'],
    [new IdentityError('malformed-identities'), 'reject', 'reject'],
    [new IdentityError('multiple-identity-providers'), 'reject', 'reject'],
    [new IdentityError('no-identity'), 'reject', 'no-tenant'],
    [new UnknownTenantError(), 'reject', 'no-tenant'],
    [new EmailDomainError('email-missing'), 'reject', 'reject'],
    [new EmailDomainError('email-domain-mismatch'), 'reject', 'reject'],
    [new RegistryError('registry-unavailable'), 'reject', 'reject'],
    [new RegistryError('registry-record-invalid'), 'reject', 'reject'],
    [new TypeError('x is undefined'), 'reject', 'reject'],
    ['a string', 'reject', 'reject'],
  ] as const;

  it.each(cases)(
    'maps %p to %s by default and %s when tokens without tenant are allowed',
    (error, strict, lax) => {
      expect(decideOutcome(error, false)).toEqual({ kind: strict, reason: reasonOf(error) });
      expect(decideOutcome(error, true)).toEqual({ kind: lax, reason: reasonOf(error) });
    },
  );

  it('names unknown errors internal-error', () => {
    expect(reasonOf(new Error('x'))).toBe('internal-error');
    expect(reasonOf(undefined)).toBe('internal-error');
    expect(reasonOf(new RegistryError('registry-unavailable'))).toBe('registry-unavailable');
  });
});
