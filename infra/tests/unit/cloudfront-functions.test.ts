/**
 * The CloudFront Functions' source, run in Node on CloudFront-shaped events: what is
 * asserted is the text CloudFront runs (cloudfront-js-2.0 is ES5-compatible JavaScript here).
 */
import { describe, expect, it } from '@jest/globals';
import {
  FORWARDED_HOST_HEADER,
  forwardHostFunction,
  SPA_FALLBACK_FUNCTION,
  UNKNOWN_HOST_BODY,
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

interface CfResponse {
  statusCode: number;
  headers: Record<string, CfHeader>;
  body: { encoding: string; data: string };
}

/** The distribution's own name, as CloudFront passes it in `event.context`. */
const OWN = 'd1a2b3c4d5e6f7.cloudfront.net';

function run(code: string, request: CfRequest, distributionDomainName = OWN): CfRequest {
  const handler = new Function(`${code}\nreturn handler;`)() as (event: {
    context: { distributionDomainName: string };
    request: CfRequest;
  }) => CfRequest;
  return handler({ context: { distributionDomainName }, request: structuredClone(request) });
}

const ALIASES = ['acme.example.com', 'app.example.com'];
const FORWARD_HOST_FUNCTION = forwardHostFunction(ALIASES);

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

describe('forward-host refuses names the distribution does not serve (403, no origin call)', () => {
  const refused = (out: CfRequest | CfResponse) => {
    expect(out).toMatchObject({ statusCode: 403, body: { encoding: 'text', data: UNKNOWN_HOST_BODY } });
    expect((out as CfResponse).headers['cache-control']).toEqual({ value: 'no-store' });
    expect(JSON.stringify(out)).not.toContain(FORWARDED_HOST_HEADER);
  };

  it.each<[string, string]>([
    ['its own cloudfront.net name (it has aliases)', OWN],
    ['another distribution’s cloudfront.net name', 'dffffffffffff.cloudfront.net'],
    ['an unknown name', 'evil.example.net'],
    ['a name under an alias', 'x.acme.example.com'],
    ['an alias with a port', 'acme.example.com:443'],
    ['an empty Host', ''],
  ])('refuses %s', (_, host) => {
    refused(run(FORWARD_HOST_FUNCTION, viewer({ host: { value: host } })));
  });

  it('refuses a request without Host', () => {
    refused(run(FORWARD_HOST_FUNCTION, viewer({})));
  });

  it('accepts every alias, whatever its case', () => {
    for (const alias of ALIASES) {
      const out = run(FORWARD_HOST_FUNCTION, viewer({ host: { value: alias.toUpperCase() } }));
      expect(out.headers[FORWARDED_HOST_HEADER]).toEqual({ value: alias });
    }
  });

  describe('without aliases (dev without DNS)', () => {
    const code = forwardHostFunction();
    it('accepts its own cloudfront.net name: the only name it has', () => {
      const out = run(code, viewer({ host: { value: OWN } }));
      expect(out.headers[FORWARDED_HOST_HEADER]).toEqual({ value: OWN });
    });

    it.each([
      ['another distribution’s name', 'dffffffffffff.cloudfront.net'],
      ['a tenant host', 'acme.example.com'],
    ])('refuses %s', (_, host) => {
      refused(run(code, viewer({ host: { value: host } })));
    });

    it('refuses everything when CloudFront gave no distribution name', () => {
      refused(run(code, viewer({ host: { value: OWN } }), ''));
    });
  });
});

describe('forward-host with a wildcard alias (hosting.wildcardAlias)', () => {
  const code = forwardHostFunction(['*.app.example.com', 'portal.example.com']);
  const refused = (host: string) => {
    const out = run(code, viewer({ host: { value: host } })) as CfRequest | CfResponse;
    expect(out).toMatchObject({ statusCode: 403, body: { data: UNKNOWN_HOST_BODY } });
    expect(JSON.stringify(out)).not.toContain(FORWARDED_HOST_HEADER);
  };

  it.each([
    ['a tenant host one label under it', 'acme.app.example.com'],
    ['an upper-case tenant host', 'ACME.App.Example.COM'],
    ['a punycode label', 'xn--bcher-kva.app.example.com'],
    ['the exact alias beside it', 'portal.example.com'],
  ])('accepts %s and forwards it in lower case', (_, host) => {
    const out = run(code, viewer({ host: { value: host } }));
    expect(out.headers[FORWARDED_HOST_HEADER]).toEqual({ value: host.toLowerCase() });
  });

  it.each([
    ['the wildcard’s own suffix', 'app.example.com'],
    ['two labels under it', 'eu.acme.app.example.com'],
    ['an empty label', '.app.example.com'],
    ['the literal wildcard', '*.app.example.com'],
    ['a label glued to the suffix', 'evilapp.example.com'],
    ['the suffix inside a foreign name', 'acme.app.example.com.evil.net'],
    ['a label with an underscore', 'a_b.app.example.com'],
    ['a label over 63 characters', `${'a'.repeat(64)}.app.example.com`],
    ['a tenant host with a port', 'acme.app.example.com:443'],
    ['its own cloudfront.net name', OWN],
    ['an oversized Host', `${'a'.repeat(10_000)}.app.example.com`],
  ])('refuses %s', (_, host) => {
    refused(host);
  });

  it('overwrites a forged x-forwarded-host on a wildcard host', () => {
    const out = run(
      code,
      viewer({
        host: { value: 'acme.app.example.com' },
        [FORWARDED_HOST_HEADER]: { value: 'globex.app.example.com' },
      }),
    );
    expect(out.headers[FORWARDED_HOST_HEADER]).toEqual({ value: 'acme.app.example.com' });
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
