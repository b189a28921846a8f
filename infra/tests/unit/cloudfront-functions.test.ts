/**
 * The CloudFront Functions' source, run in Node on CloudFront-shaped events: what is
 * asserted is the text CloudFront runs (cloudfront-js-2.0 is ES5-compatible JavaScript here).
 */
import { describe, expect, it } from '@jest/globals';
import {
  FORWARD_HOST_FUNCTION,
  FORWARDED_HOST_HEADER,
  SPA_FALLBACK_FUNCTION,
} from '../../src/cloudfront-functions';

interface CfHeader {
  value: string;
  multiValue?: { value: string }[];
}
interface CfRequest {
  method: string;
  uri: string;
  headers: Record<string, CfHeader>;
}

function run(code: string, request: CfRequest): CfRequest {
  const handler = new Function(`${code}\nreturn handler;`)() as (event: { request: CfRequest }) => CfRequest;
  return handler({ request: structuredClone(request) });
}

const viewer = (headers: Record<string, CfHeader>, uri = '/config', method = 'GET'): CfRequest => ({
  method,
  uri,
  headers,
});

describe('forward-host (API behaviours)', () => {
  it('writes the viewer host into x-forwarded-host', () => {
    const out = run(FORWARD_HOST_FUNCTION, viewer({ host: { value: 'acme.example.com' } }));
    expect(out.headers[FORWARDED_HOST_HEADER]).toEqual({ value: 'acme.example.com' });
  });

  it.each<[string, CfHeader]>([
    ['a forged single value', { value: 'globex.example.com' }],
    [
      'forged repeated values',
      {
        value: 'globex.example.com',
        multiValue: [{ value: 'globex.example.com' }, { value: 'initech.example.com' }],
      },
    ],
    ['a forged list', { value: 'acme.example.com, globex.example.com' }],
  ])('overwrites %s sent by the client', (_, forged) => {
    const out = run(
      FORWARD_HOST_FUNCTION,
      viewer({ host: { value: 'acme.example.com' }, [FORWARDED_HOST_HEADER]: forged }),
    );
    expect(out.headers[FORWARDED_HOST_HEADER]).toEqual({ value: 'acme.example.com' });
  });

  it('leaves the path and every other header alone', () => {
    const out = run(
      FORWARD_HOST_FUNCTION,
      viewer(
        { host: { value: 'acme.example.com' }, authorization: { value: 'Bearer x' } },
        '/pets/1',
        'POST',
      ),
    );
    expect(out).toMatchObject({
      uri: '/pets/1',
      method: 'POST',
      headers: { authorization: { value: 'Bearer x' } },
    });
  });
});

describe('spa-fallback (SPA behaviour)', () => {
  const html = { accept: { value: 'text/html,application/xhtml+xml,*/*;q=0.8' } };
  it.each([
    ['/', '/index.html'],
    ['/callback', '/index.html'],
    ['/tenants/acme/users', '/index.html'],
  ])('sends the navigation %s to index.html', (uri, expected) => {
    expect(run(SPA_FALLBACK_FUNCTION, viewer(html, uri)).uri).toBe(expected);
  });

  it.each<[string, CfRequest]>([
    ['a file', viewer(html, '/assets/index-3f2a1b.js')],
    ['app-settings.json', viewer(html, '/app-settings.json')],
    ['a fetch that does not accept HTML', viewer({ accept: { value: 'application/json' } }, '/callback')],
    ['a request without Accept', viewer({}, '/callback')],
    ['a POST', viewer(html, '/callback', 'POST')],
  ])('leaves %s unchanged (a missing file stays an error)', (_, request) => {
    expect(run(SPA_FALLBACK_FUNCTION, request).uri).toBe(request.uri);
  });
});
