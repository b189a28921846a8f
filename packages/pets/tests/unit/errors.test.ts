import { describe, expect, it } from '@jest/globals';
import {
  AuthorizerContextError,
  DependencyError,
  errorOutcome,
  ForbiddenError,
  InvalidRequestError,
  MethodNotAllowedError,
  NOT_FOUND_BODY,
  NotFoundError,
} from '../../src/errors';

describe('errorOutcome', () => {
  it.each([
    [new InvalidRequestError('name', 'too-long', 'a string of 1-64 characters'), 400, 'name-too-long'],
    [new ForbiddenError('not-admin'), 403, 'not-admin'],
    [new NotFoundError('pet-not-found'), 404, 'pet-not-found'],
    [new MethodNotAllowedError('GET, OPTIONS'), 405, 'method-not-allowed'],
    [new AuthorizerContextError('groups'), 500, 'authorizer-context-invalid'],
    [new DependencyError('pets-store-unavailable'), 503, 'pets-store-unavailable'],
    [new TypeError('x is undefined'), 500, 'internal-error'],
    ['a string', 500, 'internal-error'],
  ])('maps %p to %i (%s)', (error, status, reason) => {
    const outcome = errorOutcome(error);
    expect(outcome.statusCode).toBe(status);
    expect(outcome.reason).toBe(reason);
  });

  it('names the field and the fix in a 400, never the input', () => {
    const outcome = errorOutcome(
      new InvalidRequestError('species', 'too-long', 'a string of 1-32 characters'),
    );
    expect(JSON.parse(outcome.body)).toEqual({
      message: 'Invalid request',
      field: 'species',
      hint: 'a string of 1-32 characters',
    });
  });

  it('gives every 404 the same body and a 405 its Allow header', () => {
    expect(errorOutcome(new NotFoundError('route-not-found')).body).toBe(NOT_FOUND_BODY);
    expect(errorOutcome(new NotFoundError('pet-not-found')).body).toBe(NOT_FOUND_BODY);
    expect(errorOutcome(new MethodNotAllowedError('GET, OPTIONS')).extraHeaders).toEqual({
      allow: 'GET, OPTIONS',
    });
  });
});
