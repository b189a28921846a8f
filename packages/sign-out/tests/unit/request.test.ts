import { describe, expect, it } from '@jest/globals';
import { AuthorizerContextError, InvalidSubError } from '../../src/errors';
import { readCaller, readRequest, readTargetSub } from '../../src/request';
import { ADMINS, signOutEvent, subOf } from '../support/world';

describe('readRequest', () => {
  it('reads the method and a single Origin header of any casing', () => {
    const request = readRequest(signOutEvent({ method: 'post', headers: { ORIGIN: 'https://a.example' } }));
    expect(request.method).toBe('POST');
    expect(request.origin).toBe('https://a.example');
  });

  it('ignores two Origin headers, and survives anything', () => {
    const two = readRequest({ httpMethod: 'POST', headers: { origin: 'https://a', Origin: 'https://b' } });
    expect(two.origin).toBeUndefined();
    for (const event of [null, 'x', 1, [], { httpMethod: 1, headers: [] }]) {
      expect(readRequest(event)).toMatchObject({ method: '', origin: undefined });
    }
  });
});

describe('readCaller', () => {
  it('reads tenant, sub and the JSON groups of the authorizer context', () => {
    expect(readCaller(readRequest(signOutEvent({ caller: ADMINS.initech })))).toEqual({
      tenantId: 'initech',
      sub: subOf('peter'),
      groups: ['CN=App Admins,OU=Groups'],
    });
  });

  it('names the field that is wrong', () => {
    const read = (authorizer: unknown) => () => readCaller(readRequest(signOutEvent({ authorizer })));
    expect(read({ sub: subOf('a'), groups: '[]' })).toThrow(new AuthorizerContextError('tenantId'));
    expect(read({ tenantId: 'acme', groups: '[]' })).toThrow(new AuthorizerContextError('sub'));
    expect(read({ tenantId: 'acme', sub: subOf('a') })).toThrow(new AuthorizerContextError('groups'));
  });
});

describe('readTargetSub', () => {
  it('lowercases and validates the path parameter', () => {
    const sub = subOf('bob');
    expect(readTargetSub(readRequest(signOutEvent({ target: sub.toUpperCase() })))).toBe(sub);
  });

  it('tells a missing sub from an invalid one', () => {
    expect(() => readTargetSub(readRequest(signOutEvent({ target: null })))).toThrow(
      new InvalidSubError('sub-missing'),
    );
    expect(() => readTargetSub(readRequest({ pathParameters: { sub: 7 } }))).toThrow('sub-missing');
    expect(() => readTargetSub(readRequest(signOutEvent({ target: 'z'.repeat(36) })))).toThrow('sub-invalid');
  });
});
