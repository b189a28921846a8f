import { describe, expect, it } from '@jest/globals';
import { corsAllowed, corsHeaders } from '../../src/cors';
import { respond, respondJson } from '../../src/http-response';

describe('respond', () => {
  it('sets the common headers, extras winning', () => {
    expect(respond(404, '{}', { vary: 'Origin' })).toEqual({
      statusCode: 404,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        vary: 'Origin',
      },
      body: '{}',
      isBase64Encoded: false,
    });
    expect(respondJson(200, { a: 1 }).body).toBe('{"a":1}');
  });

  it('declares no content type for an empty body, and is still never cached', () => {
    expect(respond(204, '').headers).toEqual({ 'cache-control': 'no-store' });
  });
});

describe('corsHeaders', () => {
  const allowed = ['https://app.example.com'];

  it('echoes a listed origin only', () => {
    expect(corsHeaders(allowed, 'https://app.example.com')).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      vary: 'Origin',
    });
    expect(corsAllowed(corsHeaders(allowed, 'https://app.example.com'))).toBe(true);
  });

  it.each([undefined, 'https://evil.example', 'https://app.example.com.evil.example', 'null'])(
    'refuses %j with Vary only',
    (origin) => {
      const headers = corsHeaders(allowed, origin);
      expect(headers).toEqual({ vary: 'Origin' });
      expect(corsAllowed(headers)).toBe(false);
    },
  );

  it('adds nothing when CORS is not configured', () => {
    expect(corsHeaders([], 'https://app.example.com')).toEqual({});
  });
});
