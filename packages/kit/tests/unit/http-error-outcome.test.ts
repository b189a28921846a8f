import { describe, expect, it } from '@jest/globals';
import { AuthorizerContextError } from '../../src/authorizer-caller';
import { edgeErrorOutcome, PUBLIC_BODIES } from '../../src/http-error-outcome';
import { HandlerTimeoutError } from '../../src/lambda-handler';

describe('edgeErrorOutcome', () => {
  it('answers an invocation out of time with 503, to be retried', () => {
    expect(edgeErrorOutcome(new HandlerTimeoutError())).toEqual({
      statusCode: 503,
      body: '{"message":"Service unavailable, try again later"}',
      reason: 'timeout',
    });
  });

  it('answers a missing authorizer context with 500 and its reason, naming no field', () => {
    const outcome = edgeErrorOutcome(new AuthorizerContextError('tenantId'));
    expect(outcome).toEqual({
      statusCode: 500,
      body: PUBLIC_BODIES.internal,
      reason: 'authorizer-context-invalid',
    });
    expect(outcome.body).not.toContain('tenantId');
  });

  it.each([new TypeError('x is undefined'), 'a string', undefined])(
    'answers anything else (%p) with a generic 500',
    (error) => {
      expect(edgeErrorOutcome(error)).toEqual({
        statusCode: 500,
        body: '{"message":"Internal error"}',
        reason: 'internal-error',
      });
    },
  );
});
