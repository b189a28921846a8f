import { describe, expect, it } from '@jest/globals';
import { BadRequestError } from '../../src/errors';
import { MAX_BODY_BYTES, readEmail, readRequest, singleHeader } from '../../src/request';
import { emailBody, httpApiEvent, restEvent } from '../support/events';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function refusal(event: unknown): { field: string; reason: string } {
  try {
    readEmail(readRequest(event));
  } catch (error) {
    if (error instanceof BadRequestError) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('expected a BadRequestError');
}

describe('readRequest', () => {
  it('reads method, headers and body of a REST API v1 event', () => {
    const request = readRequest(
      restEvent({ body: '{}', headers: { 'Content-Type': 'application/json', Origin: 'https://a.test' } }),
    );

    expect(request.method).toBe('POST');
    expect(singleHeader(request, 'content-type')).toBe('application/json');
    expect(singleHeader(request, 'origin')).toBe('https://a.test');
    expect(request.body).toBe('{}');
    expect(request.isBase64Encoded).toBe(false);
  });

  it('reads the method of an HTTP API v2 event from requestContext.http', () => {
    const request = readRequest(httpApiEvent({ method: 'options' }));

    expect(request.method).toBe('OPTIONS');
  });

  it.each([
    [null],
    [undefined],
    [42],
    ['text'],
    [[]],
    [{ httpMethod: 7, headers: 'x', multiValueHeaders: { a: 'b' } }],
  ])('never throws on a malformed event (%p)', (event) => {
    const request = readRequest(event);

    expect(request.method).toBe('');
    expect(request.isBase64Encoded).toBe(false);
  });

  it('keeps every distinct value of a repeated header so it can be refused', () => {
    const event = {
      ...restEvent(),
      headers: { 'Content-Type': 'text/plain' },
      multiValueHeaders: { 'Content-Type': ['application/json', 'text/plain'] },
    };

    expect(singleHeader(readRequest(event), 'content-type')).toBeUndefined();
  });
});

describe('readEmail', () => {
  it('returns the normalised email of a plain JSON body', () => {
    const email = readEmail(readRequest(restEvent({ body: emailBody('  Bob@ACME.com. ') })));

    expect(email).toEqual({ address: 'bob@acme.com', localPart: 'bob', domain: 'acme.com' });
  });

  it('decodes a base64 body', () => {
    const email = readEmail(
      readRequest(httpApiEvent({ body: b64(emailBody('bob@bücher.example')), isBase64Encoded: true })),
    );

    expect(email.domain).toBe('xn--bcher-kva.example');
  });

  it.each([['application/json; charset=utf-8'], ['Application/JSON;charset="UTF-8"'], ['application/json ']])(
    'accepts content type %s',
    (contentType) => {
      const event = restEvent({ body: emailBody('a@acme.com'), headers: { 'content-type': contentType } });

      expect(readEmail(readRequest(event)).domain).toBe('acme.com');
    },
  );

  it.each([
    [{}, 'unsupported-content-type'],
    [{ 'content-type': 'text/plain' }, 'unsupported-content-type'],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, 'unsupported-content-type'],
    [{ 'content-type': 'application/json; charset=latin1' }, 'unsupported-content-type'],
    [{ 'content-type': 'application/jsonx' }, 'unsupported-content-type'],
  ])('refuses headers %p with 400 naming the content type', (headers, reason) => {
    expect(refusal(restEvent({ body: emailBody('a@acme.com'), headers }))).toEqual({
      field: 'content-type',
      reason,
    });
  });

  it.each([
    [null, 'body-missing'],
    ['', 'body-missing'],
    ['{"email":', 'body-not-json'],
    ['null', 'body-not-object'],
    ['"a@acme.com"', 'body-not-object'],
    ['["a@acme.com"]', 'body-not-object'],
    ['42', 'body-not-object'],
  ])('refuses body %p with 400 naming the body', (body, reason) => {
    expect(refusal(restEvent({ body }))).toEqual({ field: 'body', reason });
  });

  it.each([
    ['{}', 'email-missing'],
    ['{"Email":"a@acme.com"}', 'email-missing'],
    ['{"email":null}', 'email-not-a-string'],
    ['{"email":"   "}', 'email-empty'],
    ['{"email":"acme.com"}', 'email-invalid-local-part'],
  ])('refuses body %s with 400 naming the email', (body, reason) => {
    expect(refusal(restEvent({ body }))).toEqual({ field: 'email', reason });
  });

  it('accepts a body of exactly the cap and refuses one byte more', () => {
    const padded = (size: number) => {
      const base = emailBody('a@acme.com');
      return `${base.slice(0, -1)},"pad":"${'x'.repeat(size - base.length - 9)}"}`;
    };

    expect(padded(MAX_BODY_BYTES)).toHaveLength(MAX_BODY_BYTES);
    expect(readEmail(readRequest(restEvent({ body: padded(MAX_BODY_BYTES) }))).domain).toBe('acme.com');
    expect(refusal(restEvent({ body: padded(MAX_BODY_BYTES + 1) }))).toEqual({
      field: 'body',
      reason: 'body-too-large',
    });
  });

  it('counts UTF-8 bytes, not characters, against the cap', () => {
    const body = `{"email":"a@acme.com","pad":"${'é'.repeat(MAX_BODY_BYTES / 2)}"}`;

    expect(body.length).toBeLessThan(MAX_BODY_BYTES * 2);
    expect(refusal(restEvent({ body }))).toEqual({ field: 'body', reason: 'body-too-large' });
  });

  it.each([
    ['body-not-base64', 'characters outside the alphabet', 'not base64!'],
    ['body-not-base64', 'missing padding', 'eyJlbWFpbCI6ImFAYWNtZS5jb20ifQ'],
    ['body-not-utf8', 'invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64')],
    ['body-too-large', '64 KiB, refused before decoding', b64('x'.repeat(64 * 1024))],
    ['body-too-large', 'over the cap once decoded', b64('x'.repeat(MAX_BODY_BYTES + 2))],
  ])('refuses a base64 body with %s (%s)', (reason, _what, body) => {
    expect(refusal(restEvent({ body, isBase64Encoded: true }))).toEqual({ field: 'body', reason });
  });
});
