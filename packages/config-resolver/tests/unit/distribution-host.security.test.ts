/**
 * Dev without DNS: a dedicated tenant's host is its CloudFront distribution's own name.
 * With ALLOW_DISTRIBUTION_HOSTS such a name is looked up like any host (registered ->
 * that tenant, unregistered -> the uniform unknown answer); every other platform host, and
 * distribution names without the setting, stay "never a tenant" without an SSM call.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config';
import { BODIES } from '../../src/outcome';
import { hostRecord, httpEvent, parameterOf, restEvent, setup } from '../helpers';

const DIST = 'd1a2b3c4d5e6f7.cloudfront.net';
const registry = { [DIST]: hostRecord('acme') };
const trusted = { TRUSTED_HOST_HEADER: 'x-forwarded-host' };
const viaCloudFront = (host: string) => httpEvent({ headers: { 'x-forwarded-host': host } });

describe('distribution hosts (dev without DNS)', () => {
  it('resolves a registered distribution host when allowed', async () => {
    const { handler, ssmCalls } = setup({ registry, env: { ...trusted, ALLOW_DISTRIBUTION_HOSTS: 'true' } });
    const response = await handler(viaCloudFront(DIST.toUpperCase()));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).tenantId).toBe('acme');
    expect(ssmCalls()).toEqual([parameterOf(DIST)]);
  });

  it('answers an unregistered distribution host exactly like any unknown host', async () => {
    const { handler } = setup({ registry, env: { ...trusted, ALLOW_DISTRIBUTION_HOSTS: 'true' } });
    const stranger = await handler(viaCloudFront('d9z9z9z9z9z9z9.cloudfront.net'));
    const nobody = await handler(viaCloudFront('nobody.example.com'));
    expect(stranger).toMatchObject({ statusCode: 404, body: nobody.body });
  });

  it('never looks a distribution host up without the setting, registered or not', async () => {
    const { handler, ssmCalls } = setup({ registry, env: trusted });
    const response = await handler(viaCloudFront(DIST));
    expect(response).toMatchObject({ statusCode: 404, body: BODIES.notFound });
    expect(ssmCalls()).toEqual([]);
  });

  it.each([
    ['the execute-api host', 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com'],
    ['a name under a distribution name', `evil.${DIST}`],
    ['the bare cloudfront.net', 'cloudfront.net'],
    ['a name not shaped like a distribution id', 'acme.cloudfront.net'],
    ['a Lambda function URL', 'abc.lambda-url.eu-west-1.on.aws'],
  ])('still refuses %s without asking SSM, even when allowed', async (_, host) => {
    const all = { ...registry, [host]: hostRecord('acme') };
    const { handler, ssmCalls } = setup({
      registry: all,
      env: { ...trusted, ALLOW_DISTRIBUTION_HOSTS: 'true' },
    });
    expect((await handler(viaCloudFront(host))).statusCode).toBe(404);
    expect(ssmCalls()).toEqual([]);
  });

  it('never takes a distribution host from requestContext.domainName (no trusted header)', () => {
    expect(() => loadConfig({ REGISTRY_PREFIX: '/ct/dev', ALLOW_DISTRIBUTION_HOSTS: 'true' })).toThrow(
      ConfigError,
    );
  });

  it('ignores a distribution host in requestContext.domainName when the header is trusted', async () => {
    const { handler, ssmCalls } = setup({ registry, env: { ...trusted, ALLOW_DISTRIBUTION_HOSTS: 'true' } });
    // The header is what CloudFront set; the domain name is never a fallback.
    expect((await handler(restEvent({ domainName: DIST }))).statusCode).toBe(400);
    expect(ssmCalls()).toEqual([]);
  });

  it('names the variable and the fix for a bad value', () => {
    expect(() =>
      loadConfig({ REGISTRY_PREFIX: '/ct/dev', ...trusted, ALLOW_DISTRIBUTION_HOSTS: 'yes' }),
    ).toThrow(/ALLOW_DISTRIBUTION_HOSTS must be true or false/);
    expect(() => loadConfig({ REGISTRY_PREFIX: '/ct/dev', ALLOW_DISTRIBUTION_HOSTS: 'true' })).toThrow(
      /needs TRUSTED_HOST_HEADER/,
    );
  });
});
