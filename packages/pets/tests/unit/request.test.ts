import { describe, expect, it } from '@jest/globals';
import type { InvalidRequestError } from '../../src/errors';
import { headerValues, MAX_BODY_BYTES, readJsonBody, readRequest } from '../../src/request';

const withBody = (
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  isBase64Encoded = false,
) => readRequest({ httpMethod: 'post', headers, body, isBase64Encoded, pathParameters: { proxy: 'pets' } });

describe('readRequest', () => {
  it('reads method, path from the proxy parameter, and a single origin', () => {
    const request = readRequest({
      httpMethod: 'get',
      path: '/stage-ignored/pets',
      pathParameters: { proxy: 'pets' },
      headers: { Origin: 'https://app.example.com' },
    });
    expect(request).toMatchObject({ method: 'GET', path: 'pets', origin: 'https://app.example.com' });
  });

  it('falls back to the path, and drops an origin sent twice', () => {
    const request = readRequest({
      httpMethod: 'GET',
      path: '/pets',
      headers: { origin: 'https://a.example' },
      multiValueHeaders: { Origin: ['https://a.example', 'https://b.example'] },
    });
    expect(request.path).toBe('pets');
    expect(request.origin).toBeUndefined();
  });

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'x', [], { headers: 'x', multiValueHeaders: { origin: 'x' }, path: 5 }]) {
      expect(readRequest(junk)).toMatchObject({ method: '', path: '' });
    }
  });

  it('collects header values in any case from both header maps', () => {
    const event = { headers: { 'Content-Type': 'a' }, multiValueHeaders: { 'content-type': ['a', 'b'] } };
    expect(headerValues(event, 'content-type')).toEqual(['a', 'b']);
  });
});

describe('readJsonBody', () => {
  it('accepts application/json with an optional utf-8 charset, plain or base64', () => {
    expect(readJsonBody(withBody('{"name":"x"}'))).toBe('{"name":"x"}');
    expect(readJsonBody(withBody('{}', { 'Content-Type': 'application/json; charset=UTF-8' }))).toBe('{}');
    expect(readJsonBody(withBody(Buffer.from('{"a":1}').toString('base64'), undefined, true))).toBe(
      '{"a":1}',
    );
  });

  it('accepts exactly the byte cap and refuses one byte more', () => {
    const exact = `"${'é'.repeat((MAX_BODY_BYTES - 2) / 2)}"`;
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    expect(readJsonBody(withBody(exact))).toBe(exact);
    const error = (() => {
      try {
        readJsonBody(withBody(`${exact} `));
      } catch (e) {
        return e as InvalidRequestError;
      }
    })();
    expect(error?.reason).toBe('too-large');
  });
});
