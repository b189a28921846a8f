import { describe, expect, it } from '@jest/globals';
import { AmbiguousHostError, MalformedEventError, MissingHostError } from '../../src/errors';
import { rawHost, readRequest, singleHeader } from '../../src/request';
import { httpEvent, restEvent } from '../helpers';

describe('readRequest', () => {
  it('reads a REST (v1) event', () => {
    const request = readRequest(restEvent({ headers: { Origin: 'https://a.example.com' } }));
    expect(request.method).toBe('GET');
    expect(request.domainName).toBe('acme.app.example.com');
    expect(singleHeader(request, 'origin')).toBe('https://a.example.com');
  });

  it('reads an HTTP API (v2) event', () => {
    const request = readRequest(
      httpEvent({ method: 'options', headers: { origin: 'https://a.example.com' } }),
    );
    expect(request.method).toBe('OPTIONS');
    expect(request.domainName).toBe('acme.app.example.com');
    expect(singleHeader(request, 'origin')).toBe('https://a.example.com');
  });

  it('prefers multiValueHeaders, which hold every value, over headers', () => {
    const request = readRequest(
      restEvent({
        headers: { Host: 'b.example.com', Accept: '*/*' },
        multiValueHeaders: { host: ['a.example.com', 'b.example.com'] },
      }),
    );
    expect(request.headers.get('host')).toEqual(['a.example.com', 'b.example.com']);
    expect(request.headers.get('accept')).toEqual(['*/*']);
  });

  it('merges header names that differ only in case', () => {
    const request = readRequest(
      restEvent({ headers: { Origin: 'https://a.example.com', origin: 'https://b.example.com' } }),
    );
    expect(request.headers.get('origin')).toHaveLength(2);
    expect(singleHeader(request, 'origin')).toBeUndefined();
  });

  it('keeps a non-array multi-value entry as one value', () => {
    const request = readRequest(restEvent({ multiValueHeaders: { 'X-Forwarded-Host': 'a.example.com' } }));
    expect(request.headers.get('x-forwarded-host')).toEqual(['a.example.com']);
  });

  it.each([
    ['null', null],
    ['an array', [restEvent()]],
    ['a string', 'GET /config'],
    ['no requestContext', { httpMethod: 'GET' }],
    ['no method', { requestContext: { domainName: 'acme.app.example.com' } }],
    ['a numeric method', { httpMethod: 1, requestContext: {} }],
  ])('refuses %s as malformed', (_, event) => {
    expect(() => readRequest(event)).toThrow(MalformedEventError);
  });
});

describe('rawHost', () => {
  it('takes requestContext.domainName and ignores Host and X-Forwarded-Host by default', () => {
    const request = readRequest(
      restEvent({
        headers: { Host: 'globex.app.example.com', 'X-Forwarded-Host': 'globex.app.example.com' },
      }),
    );
    expect(rawHost(request, undefined)).toBe('acme.app.example.com');
  });

  it('requires a domain name when no header is trusted', () => {
    expect(() => rawHost(readRequest(restEvent({ domainName: undefined })), undefined)).toThrow(
      MissingHostError,
    );
    expect(() => rawHost(readRequest(restEvent({ domainName: null })), undefined)).toThrow(MissingHostError);
  });

  it('takes only the configured header when one is trusted', () => {
    const request = readRequest(
      httpEvent({ headers: { host: 'evil.example.com', 'x-forwarded-host': 'globex.app.example.com' } }),
    );
    expect(rawHost(request, 'x-forwarded-host')).toBe('globex.app.example.com');
    expect(rawHost(request, 'host')).toBe('evil.example.com');
  });

  it('never falls back to the domain name when the trusted header is missing', () => {
    expect(() => rawHost(readRequest(httpEvent()), 'x-forwarded-host')).toThrow(MissingHostError);
  });

  it.each([
    [
      'repeated (v1)',
      restEvent({ multiValueHeaders: { 'X-Forwarded-Host': ['a.example.com', 'b.example.com'] } }),
    ],
    ['listed (v2)', httpEvent({ headers: { 'x-forwarded-host': 'a.example.com,b.example.com' } })],
    [
      'given in two cases',
      restEvent({ headers: { 'X-Forwarded-Host': 'a.example.com', 'x-forwarded-host': 'b.example.com' } }),
    ],
  ])('refuses a trusted header that is %s', (_, event) => {
    expect(() => rawHost(readRequest(event), 'x-forwarded-host')).toThrow(AmbiguousHostError);
  });

  it('passes a non-string header value on for normalisation to refuse', () => {
    const request = readRequest(httpEvent({ headers: { 'x-forwarded-host': ['a.example.com'] } }));
    expect(rawHost(request, 'x-forwarded-host')).toEqual(['a.example.com']);
  });
});
