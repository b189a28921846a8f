import { describe, expect, it } from '@jest/globals';
import { httpClassifier } from '../../src/http-classifier';

class Refused extends Error {
  override readonly name = 'Refused';
}

const classify = httpClassifier(
  (error) =>
    error instanceof Refused
      ? {
          statusCode: 403,
          body: '{"message":"Forbidden"}',
          reason: 'refused',
          extraHeaders: { 'x-why': 'policy' },
        }
      : { statusCode: 503, body: '{"message":"Unavailable"}', reason: 'store-down' },
  {
    corsAllowedOrigins: ['https://app.example.com'],
    level: (error) => (error instanceof Refused ? 'warn' : 'info'),
  },
);

describe('httpClassifier', () => {
  it('answers with the mapped status, body, extra headers and CORS for the origin', () => {
    const decided = classify(new Refused('no'), { headers: { origin: 'https://app.example.com' } });

    expect(decided).toEqual({
      response: expect.objectContaining({
        statusCode: 403,
        body: '{"message":"Forbidden"}',
        headers: expect.objectContaining({
          'x-why': 'policy',
          'access-control-allow-origin': 'https://app.example.com',
          vary: 'Origin',
        }),
      }),
      outcome: { reason: 'refused', level: 'warn', fields: {} },
    });
  });

  it('logs 5xx at error with class names only, and no CORS for another origin', () => {
    const error = new Error('secret detail', { cause: new TypeError('sdk text') });
    const decided = classify(error, { headers: { origin: 'https://evil.example' } });

    expect('response' in decided && decided.response.headers).toEqual(
      expect.objectContaining({ vary: 'Origin' }),
    );
    expect('response' in decided && decided.response.headers['access-control-allow-origin']).toBeUndefined();
    expect(decided.outcome).toEqual({
      reason: 'store-down',
      level: 'error',
      fields: { errorName: 'Error', causeName: 'TypeError' },
    });
    expect(JSON.stringify(decided)).not.toContain('secret');
  });
});
