import { describe, expect, it } from '@jest/globals';
import { BodyError, headerValues, readBody, readHttpRequest, singleHeader } from '../../src/http-request';
import { thrown } from '../support/thrown';

const bodyProblem = (event: Record<string, unknown>, max = 8) =>
  thrown(() => readBody(event, max), BodyError).problem;

describe('readHttpRequest', () => {
  it('reads the method and a single Origin in any case', () => {
    expect(readHttpRequest({ httpMethod: 'post', headers: { ORIGIN: 'https://a.example' } })).toMatchObject({
      method: 'POST',
      origin: 'https://a.example',
    });
  });

  it.each([null, 'text', [], 42, { httpMethod: 7, headers: [] }])('never throws on %j', (event) => {
    expect(readHttpRequest(event)).toMatchObject({ method: '', origin: undefined });
  });

  it('treats a repeated header as absent, counting multiValueHeaders', () => {
    const event = {
      headers: { origin: 'https://a.example' },
      multiValueHeaders: { Origin: ['https://a.example', 'https://b.example'] },
    };
    expect(headerValues(event, 'origin')).toEqual(['https://a.example', 'https://b.example']);
    expect(singleHeader(event, 'origin')).toBeUndefined();
  });

  it('ignores inherited header names', () => {
    const headers = Object.create({ origin: 'https://evil.example' }) as Record<string, unknown>;
    expect(singleHeader({ headers }, 'origin')).toBeUndefined();
  });
});

describe('readBody', () => {
  it('returns UTF-8 text within the cap, plain or base64', () => {
    expect(readBody({ body: 'héllo' }, 8)).toBe('héllo');
    expect(readBody({ body: Buffer.from('héllo').toString('base64'), isBase64Encoded: true }, 8)).toBe(
      'héllo',
    );
  });

  it('refuses missing, oversized, bad base64 and invalid UTF-8 bodies', () => {
    expect(bodyProblem({})).toBe('missing');
    expect(bodyProblem({ body: '' })).toBe('missing');
    expect(bodyProblem({ body: 'x'.repeat(9) })).toBe('too-large');
    // Eight characters, more than eight bytes once encoded.
    expect(bodyProblem({ body: 'éééééééé' })).toBe('too-large');
    expect(bodyProblem({ body: 'A'.repeat(16), isBase64Encoded: true })).toBe('too-large');
    expect(bodyProblem({ body: 'not base64!', isBase64Encoded: true }, 64)).toBe('not-base64');
    expect(bodyProblem({ body: Buffer.from([0xc3, 0x28]).toString('base64'), isBase64Encoded: true })).toBe(
      'not-utf8',
    );
  });
});
