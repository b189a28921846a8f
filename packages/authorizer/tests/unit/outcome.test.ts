import { describe, expect, it } from '@jest/globals';
import {
  DeadlineExceededError,
  HostTenantMismatchError,
  KeysUnavailableError,
  MalformedTokenError,
  RegistryUnavailableError,
  RevocationUnavailableError,
  UnregisteredHostError,
} from '../../src/errors';
import { classify, unauthorized } from '../../src/outcome';

const principal = { sub: 's', tenantId: 't', userPoolId: 'p' };

describe('classify', () => {
  it('makes forbidden errors a Deny with their principal', () => {
    expect(classify(new HostTenantMismatchError(principal))).toEqual({
      kind: 'forbidden',
      reason: 'host-tenant-mismatch',
      level: 'warn',
      principal,
    });
    expect(classify(new UnregisteredHostError(principal)).kind).toBe('forbidden');
  });

  it('makes caller mistakes a quiet 401', () => {
    expect(classify(new MalformedTokenError())).toEqual({
      kind: 'unauthorized',
      reason: 'token-malformed',
      level: 'info',
    });
  });

  it.each([
    new RegistryUnavailableError(),
    new KeysUnavailableError(),
    new RevocationUnavailableError(),
    new DeadlineExceededError(),
  ])('makes dependency failures a 401 logged as an error (%s)', (error) => {
    expect(classify(error)).toMatchObject({ kind: 'unauthorized', level: 'error' });
  });

  it.each([new TypeError('x'), 'a string', null, undefined, { reason: 'forged' }])(
    'makes anything unexpected an internal-error 401 (%p)',
    (error) => {
      expect(classify(error)).toEqual({ kind: 'unauthorized', reason: 'internal-error', level: 'error' });
    },
  );

  it('builds the exact error API Gateway maps to 401', () => {
    const error = unauthorized();
    expect(error.message).toBe('Unauthorized');
    expect(error.constructor).toBe(Error);
  });
});
