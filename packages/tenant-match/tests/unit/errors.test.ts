import { RecordFormatError } from '@cognito-tenancy/registry/records';
import { CacheBusyError, CacheLoadTimeoutError } from '@cognito-tenancy/registry/ttl-cache';
import { describe, expect, it } from '@jest/globals';
import {
  BadRequestError,
  badRequestBody,
  errorOutcome,
  MethodNotAllowedError,
  StoreUnavailableError,
  toStoreError,
} from '../../src/errors';

class ThrottlingException extends Error {
  override readonly name = 'ThrottlingException';
}
class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

describe('toStoreError', () => {
  it.each([
    [new CacheBusyError(), 'store-busy'],
    [new CacheLoadTimeoutError(100), 'store-timeout'],
    [new TimeoutError('socket'), 'store-timeout'],
    [new RecordFormatError('domain item', 'tenantId'), 'record-invalid'],
    [new ThrottlingException('slow down'), 'store-error'],
    ['a string', 'store-error'],
  ])('classifies %p as %s and keeps the cause', (error, reason) => {
    const wrapped = toStoreError(error);

    expect(wrapped).toBeInstanceOf(StoreUnavailableError);
    expect(wrapped.reason).toBe(reason);
    expect(wrapped.cause).toBe(error);
  });

  it('passes a StoreUnavailableError through unchanged', () => {
    const error = new StoreUnavailableError('store-busy');

    expect(toStoreError(error)).toBe(error);
  });
});

describe('errorOutcome', () => {
  it('maps a bad request to 400 naming only the field', () => {
    const outcome = errorOutcome(new BadRequestError('email', 'email-multiple-at'));

    expect(outcome).toEqual({
      statusCode: 400,
      body: '{"message":"Invalid request","field":"email"}',
      reason: 'email-multiple-at',
    });
    expect(badRequestBody('content-type')).toBe('{"message":"Invalid request","field":"content-type"}');
  });

  it.each([
    [
      'a wrong method to 405 with an Allow header',
      new MethodNotAllowedError(),
      {
        statusCode: 405,
        body: '{"message":"Method not allowed"}',
        reason: 'method-not-allowed',
        extraHeaders: { allow: 'POST, OPTIONS' },
      },
    ],
    [
      'a store failure to a generic 503 with its reason',
      new StoreUnavailableError('store-timeout'),
      {
        statusCode: 503,
        body: '{"message":"Service unavailable, try again later"}',
        reason: 'store-timeout',
      },
    ],
    [
      'anything else to a generic 500 without detail',
      new TypeError('x is undefined'),
      { statusCode: 500, body: '{"message":"Internal error"}', reason: 'internal-error' },
    ],
  ])('maps %s', (_, error, outcome) => {
    expect(errorOutcome(error)).toEqual(outcome);
  });
});
