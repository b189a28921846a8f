import { HandlerTimeoutError } from '@cognito-tenancy/kit/lambda-handler';
import { describe, expect, it } from '@jest/globals';
import {
  AuthorizerContextError,
  DependencyError,
  errorOutcome,
  ForbiddenError,
  InvalidSubError,
  MethodNotAllowedError,
  NOT_FOUND_BODY,
  UserNotFoundError,
} from '../../src/errors';

describe('errorOutcome', () => {
  it('maps each error class to the documented status and reason', () => {
    const cases: [unknown, number, string][] = [
      [new InvalidSubError('sub-invalid'), 400, 'sub-invalid'],
      [new ForbiddenError('not-admin'), 403, 'not-admin'],
      [new UserNotFoundError('user-not-in-tenant'), 404, 'user-not-in-tenant'],
      [new MethodNotAllowedError(), 405, 'method-not-allowed'],
      [new AuthorizerContextError('groups'), 500, 'authorizer-context-invalid'],
      [new HandlerTimeoutError(), 503, 'timeout'],
      [new DependencyError('user-lookup-failed'), 503, 'user-lookup-failed'],
      [new TypeError('bug'), 500, 'internal-error'],
      ['a string', 500, 'internal-error'],
    ];
    for (const [error, status, reason] of cases) {
      expect(errorOutcome(error)).toMatchObject({ statusCode: status, reason });
    }
  });

  it('answers every 404 reason with the same bytes', () => {
    const bodies = (['user-not-found', 'user-not-in-tenant', 'user-ambiguous'] as const).map(
      (reason) => errorOutcome(new UserNotFoundError(reason)).body,
    );
    expect(new Set(bodies)).toEqual(new Set([NOT_FOUND_BODY]));
  });

  it('keeps the cause of a dependency failure off the public body', () => {
    const error = new DependencyError('revocation-store-failed', { cause: new Error('ARN arn:aws:secret') });
    expect(error.cause).toBeInstanceOf(Error);
    expect(errorOutcome(error).body).not.toContain('arn');
  });
});
