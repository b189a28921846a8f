import { describe, expect, it } from '@jest/globals';
import { InvalidHostError, PlatformHostError } from '../../src/errors';
import { isPlatformHost, tenantHost } from '../../src/tenant-host';

const PREFIX = '/cognito-tenancy/test';

describe('tenantHost', () => {
  it('normalises the host and names its parameter', () => {
    expect(tenantHost('ACME.App.Example.com.:443', PREFIX)).toEqual({
      host: 'acme.app.example.com',
      parameterName: '/cognito-tenancy/test/hosts/acme.app.example.com',
    });
  });

  it('turns an IDN into punycode before it reaches a parameter name', () => {
    expect(tenantHost('bücher.example.com', PREFIX).parameterName).toBe(
      '/cognito-tenancy/test/hosts/xn--bcher-kva.example.com',
    );
  });

  it('refuses an invalid host with the normalisation reason', () => {
    expect(() => tenantHost('acme.com/../issuers', PREFIX)).toThrow(
      expect.objectContaining({ name: 'InvalidHostError', failure: 'invalid-character' }),
    );
  });

  it('refuses when the key builder does', () => {
    const error = (() => {
      try {
        tenantHost('acme.example.com', 'not-a-prefix');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidHostError);
    expect((error as InvalidHostError).failure).toBe('unusable-key');
  });

  it.each([
    'abc123defg.execute-api.eu-west-1.amazonaws.com',
    'abc123defg-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com',
    'abc123defg.execute-api.cn-north-1.amazonaws.com.cn',
    'xyz.lambda-url.eu-west-1.on.aws',
    'd111111abcdef8.cloudfront.net',
    'amazonaws.com',
  ])('treats the platform host %s as not a tenant', (host) => {
    expect(isPlatformHost(host)).toBe(true);
    expect(() => tenantHost(host, PREFIX)).toThrow(PlatformHostError);
  });

  it.each(['notamazonaws.com', 'amazonaws.com.example.com', 'cloudfront.network.example'])(
    'does not mistake %s for a platform host',
    (host) => {
      expect(isPlatformHost(host)).toBe(false);
    },
  );
});
