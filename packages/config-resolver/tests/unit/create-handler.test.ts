import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from '@jest/globals';
import { BODIES } from '../../src/outcome';
import { hostRecord, httpEvent, parameterOf, restEvent, sdkError, setup } from '../helpers';

const ACME = 'acme.app.example.com';

describe('config-resolver handler', () => {
  it.each([
    ['REST (v1)', restEvent],
    ['HTTP API (v2)', httpEvent],
  ])('answers a %s GET /config with the tenant config after one GetParameter', async (_, event) => {
    const { handler, ssmCalls, mock } = setup();
    const response = await handler(event());
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(false);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=300',
    });
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({
      tenantId: 'acme',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_acmePool',
      clientId: 'acmeclient123',
      cognitoDomain: 'acme-test.auth.eu-west-1.amazoncognito.com',
      identityProvider: 'acme-saml',
    });
    expect(new URL(body.authorizeUrl).searchParams.get('identity_provider')).toBe('acme-saml');
    expect(ssmCalls()).toEqual([parameterOf(ACME)]);
    // Only GetParameter: no listing, no other parameter.
    expect(mock.calls().every((call) => call.args[0] instanceof GetParameterCommand)).toBe(true);
  });

  it('normalises the host before the lookup', async () => {
    const { handler, ssmCalls } = setup();
    const response = await handler(restEvent({ domainName: 'ACME.App.Example.COM.' }));
    expect(response.statusCode).toBe(200);
    expect(ssmCalls()).toEqual([parameterOf(ACME)]);
  });

  it('passes nothing else from the parameter through', async () => {
    const record = hostRecord('acme', { pattern: 'dedicated', adminNote: 'internal', secret: 's3cr3t' });
    const { handler } = setup({ registry: { [ACME]: record } });
    const response = await handler(restEvent());
    expect(response.body).not.toMatch(/internal|s3cr3t|dedicated/);
  });

  it('serves repeats from the cache until the TTL passes', async () => {
    const { handler, ssmCalls, clock } = setup({ env: { CACHE_TTL_SECONDS: '60' } });
    await handler(restEvent());
    clock.advance(59_999);
    expect((await handler(httpEvent())).statusCode).toBe(200);
    expect(ssmCalls()).toHaveLength(1);
    clock.advance(1);
    await handler(restEvent());
    expect(ssmCalls()).toHaveLength(2);
  });

  it('answers an unknown host 404 and remembers it for the negative TTL', async () => {
    const { handler, ssmCalls, clock } = setup({ env: { NEGATIVE_CACHE_TTL_SECONDS: '30' } });
    const event = restEvent({ domainName: 'globex.app.example.com' });
    const response = await handler(event);
    expect(response).toMatchObject({ statusCode: 404, body: BODIES.notFound });
    expect(response.headers['cache-control']).toBe('private, max-age=30');
    await handler(event);
    expect(ssmCalls()).toEqual([parameterOf('globex.app.example.com')]);
    clock.advance(30_000);
    await handler(event);
    expect(ssmCalls()).toHaveLength(2);
  });

  it('serves the stale config when SSM throttles after the TTL', async () => {
    const { handler, mock, clock, logs } = setup({ env: { CACHE_TTL_SECONDS: '60' } });
    await handler(restEvent());
    clock.advance(61_000);
    mock.on(GetParameterCommand).rejects(sdkError('ThrottlingException'));
    const response = await handler(restEvent());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).tenantId).toBe('acme');
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(logs.last?.attributes).toMatchObject({ reason: 'resolved-stale', outcome: 200, detail: 'stale' });
  });

  it('answers 503 when SSM fails and nothing is cached', async () => {
    const { handler, mock, logs } = setup();
    mock.on(GetParameterCommand).rejects(sdkError('TimeoutError'));
    const response = await handler(restEvent());
    expect(response).toMatchObject({ statusCode: 503, body: BODIES.unavailable });
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store', 'retry-after': '5' });
    expect(logs.last).toMatchObject({
      level: 'error',
      attributes: { reason: 'ssm-timeout', outcome: 503, detail: 'TimeoutError' },
    });
  });

  it('does not cache a failure: the next request asks SSM again', async () => {
    const { handler, mock, ssmCalls } = setup();
    mock.on(GetParameterCommand).rejectsOnce(sdkError('InternalServerError'));
    expect((await handler(restEvent())).statusCode).toBe(503);
    mock.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(hostRecord('acme')) } });
    expect((await handler(restEvent())).statusCode).toBe(200);
    expect(ssmCalls()).toHaveLength(2);
  });

  it('fails closed on a damaged record', async () => {
    const { handler, logs } = setup({ registry: { [ACME]: '{"tenantId":"acme"}' } });
    const response = await handler(restEvent());
    expect(response).toMatchObject({ statusCode: 503, body: BODIES.unavailable });
    expect(logs.last?.attributes).toMatchObject({ reason: 'record-invalid', detail: 'RecordFormatError' });
  });

  it('answers a method other than GET with 405 and no SSM call', async () => {
    const { handler, ssmCalls } = setup();
    const response = await handler(httpEvent({ method: 'POST' }));
    expect(response).toMatchObject({ statusCode: 405, body: BODIES.methodNotAllowed });
    expect(response.headers.allow).toBe('GET, OPTIONS');
    expect(ssmCalls()).toEqual([]);
  });

  describe('CORS', () => {
    const env = { CORS_ALLOWED_ORIGINS: 'https://app.example.com' };

    it('echoes an allowed origin, with Vary, on 200 and on errors', async () => {
      const { handler } = setup({ env });
      const ok = await handler(restEvent({ headers: { Origin: 'https://app.example.com' } }));
      expect(ok.headers).toMatchObject({
        'access-control-allow-origin': 'https://app.example.com',
        vary: 'Origin',
      });
      const missing = await handler(
        restEvent({ domainName: 'nobody.example.com', headers: { Origin: 'https://app.example.com' } }),
      );
      expect(missing.headers['access-control-allow-origin']).toBe('https://app.example.com');
    });

    it('never allows another origin, a wildcard or credentials', async () => {
      const { handler } = setup({ env });
      const response = await handler(httpEvent({ headers: { origin: 'https://evil.example.com' } }));
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(response.headers.vary).toBe('Origin');
    });

    it('answers a preflight without touching SSM', async () => {
      const { handler, ssmCalls } = setup({ env });
      const response = await handler(
        httpEvent({ method: 'OPTIONS', headers: { origin: 'https://app.example.com' } }),
      );
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect(response.headers).toMatchObject({
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'GET, OPTIONS',
      });
      expect(ssmCalls()).toEqual([]);
    });

    it('adds no CORS headers when no origin is configured', async () => {
      const { handler } = setup();
      const response = await handler(restEvent({ headers: { Origin: 'https://app.example.com' } }));
      expect(
        Object.keys(response.headers).filter((h) => h.startsWith('access-control') || h === 'vary'),
      ).toEqual([]);
    });
  });

  describe('logs', () => {
    it('writes one entry per request with reason, outcome, host and latency', async () => {
      const { handler, logs } = setup();
      await handler(restEvent());
      await handler(restEvent({ domainName: 'globex.app.example.com' }));
      expect(logs.entries).toEqual([
        {
          level: 'info',
          message: 'config request',
          attributes: {
            reason: 'resolved',
            status: 200,
            outcome: 200,
            latencyMs: 0,
            host: ACME,
            detail: 'load',
          },
        },
        {
          level: 'info',
          message: 'config request',
          attributes: {
            reason: 'unknown-host',
            status: 404,
            outcome: 404,
            latencyMs: 0,
            host: 'globex.app.example.com',
          },
        },
      ]);
    });

    it('measures latency with the injected clock', async () => {
      const { handler, logs, mock, clock } = setup();
      mock.on(GetParameterCommand).callsFake(async () => {
        clock.advance(42);
        throw sdkError('ParameterNotFound');
      });
      await handler(restEvent());
      expect(logs.last?.attributes.latencyMs).toBe(42);
    });

    it('adds the Lambda context to the logger when given one', async () => {
      const { config, ssm } = setup();
      const contexts: unknown[] = [];
      const logger = { info() {}, warn() {}, error() {}, addContext: (c: unknown) => contexts.push(c) };
      const { createHandler } = await import('../../src/create-handler');
      const context = { awsRequestId: 'r-1' } as never;
      await createHandler({ config, ssm, logger })(
        restEvent({ domainName: 'x.execute-api.eu-west-1.amazonaws.com' }),
        context,
      );
      expect(contexts).toEqual([context]);
    });

    it('puts the Lambda request id on the line', async () => {
      const { handler, logs } = setup();
      await handler(restEvent(), { awsRequestId: '5e1f0c2a-0000-4000-8000-0000000000aa' });
      expect(logs.last?.attributes.requestId).toBe('5e1f0c2a-0000-4000-8000-0000000000aa');
    });
  });
});
