import { describe, expect, it } from '@jest/globals';
import { readAuthorizerEvent } from '../../src/authorizer-event';
import { InvalidEventError, MissingTokenError } from '../../src/errors';
import { METHOD_ARN } from '../support/world';

const request = (extra: Record<string, unknown>) => ({ type: 'REQUEST', methodArn: METHOD_ARN, ...extra });

describe('readAuthorizerEvent', () => {
  it('reads the Authorization header and the domain of a REQUEST event', () => {
    const event = request({
      headers: { authorization: 'Bearer abc', Host: 'other.example.com' },
      requestContext: { domainName: 'acme.app.example.com' },
    });
    expect(readAuthorizerEvent(event)).toEqual({
      authorization: 'Bearer abc',
      host: 'acme.app.example.com',
      methodArn: METHOD_ARN,
    });
  });

  it('matches header names case-insensitively', () => {
    expect(readAuthorizerEvent(request({ headers: { AUTHORIZATION: 'Bearer x' } })).authorization).toBe(
      'Bearer x',
    );
  });

  it('falls back to the Host header when the event has no domain name', () => {
    const event = request({ headers: { Authorization: 'Bearer x', host: 'acme.app.example.com:443' } });
    expect(readAuthorizerEvent(event).host).toBe('acme.app.example.com:443');
  });

  it('has no host for a TOKEN event', () => {
    const event = { type: 'TOKEN', methodArn: METHOD_ARN, authorizationToken: 'Bearer t' };
    expect(readAuthorizerEvent(event)).toEqual({
      authorization: 'Bearer t',
      host: undefined,
      methodArn: METHOD_ARN,
    });
  });

  it('refuses two Authorization headers that differ only in case', () => {
    const event = request({ headers: { Authorization: 'Bearer a', authorization: 'Bearer b' } });
    expect(() => readAuthorizerEvent(event)).toThrow(InvalidEventError);
  });

  it('refuses a repeated Authorization header (multiValueHeaders)', () => {
    const event = request({
      headers: { Authorization: 'Bearer b' },
      multiValueHeaders: { Authorization: ['Bearer a', 'Bearer b'] },
    });
    expect(() => readAuthorizerEvent(event)).toThrow(InvalidEventError);
  });

  it('accepts a single multi-value entry', () => {
    const event = request({
      headers: { Authorization: 'Bearer b' },
      multiValueHeaders: { Authorization: ['Bearer b'] },
    });
    expect(readAuthorizerEvent(event).authorization).toBe('Bearer b');
  });

  it.each([
    ['no headers', request({})],
    ['null headers', request({ headers: null })],
    ['an empty header', request({ headers: { Authorization: '' } })],
    ['a null header', request({ headers: { Authorization: null } })],
    ['an empty TOKEN', { type: 'TOKEN', methodArn: METHOD_ARN, authorizationToken: '' }],
    ['a missing TOKEN', { type: 'TOKEN', methodArn: METHOD_ARN }],
  ])('reports a missing token for %s', (_, event) => {
    expect(() => readAuthorizerEvent(event)).toThrow(MissingTokenError);
  });

  it.each([
    ['null', null],
    ['a string', 'event'],
    ['an array', [1]],
    ['no methodArn', { type: 'REQUEST', headers: { Authorization: 'Bearer x' } }],
    ['a numeric methodArn', { type: 'REQUEST', methodArn: 7 }],
    ['an unknown type', { type: 'COOKIE', methodArn: METHOD_ARN }],
    ['a non-string header', request({ headers: { Authorization: ['Bearer x'] } })],
    [
      'an inherited methodArn',
      Object.create({ methodArn: METHOD_ARN, type: 'TOKEN', authorizationToken: 'x' }),
    ],
  ])('refuses %s', (_, event) => {
    expect(() => readAuthorizerEvent(event)).toThrow(InvalidEventError);
  });

  it('never reads headers from the prototype chain', () => {
    const headers = JSON.parse('{"__proto__": {"Authorization": "Bearer polluted"}}');
    expect(() => readAuthorizerEvent(request({ headers }))).toThrow(MissingTokenError);
  });
});
