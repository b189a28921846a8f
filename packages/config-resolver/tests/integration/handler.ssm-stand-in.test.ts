/**
 * The real handler module (Powertools Logger, the bounded SSM client from the
 * environment) against a loopback server speaking the SSM JSON 1.1 protocol, found
 * through AWS_ENDPOINT_URL_SSM exactly as the local stack does it.
 */
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type CapturedStdout, captureOutput } from '@cognito-tenancy/kit/testing/handler-module';
import { type SsmServer, startSsmServer } from '@cognito-tenancy/local-stack/ssm-server';
import { hostParameterName } from '@cognito-tenancy/registry/keys';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ConfigHandler } from '../../src/create-handler';
import { BODIES } from '../../src/outcome';
import { hostRecord, httpEvent, restEvent } from '../helpers';

const PREFIX = '/cognito-tenancy/it';
let server: SsmServer;
let handler: ConfigHandler;
let logs: CapturedStdout;

beforeAll(async () => {
  server = await startSsmServer();
  const seeder = new SSMClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  for (const id of ['acme', 'globex']) {
    await seeder.send(
      new PutParameterCommand({
        Name: hostParameterName(PREFIX, `${id}.app.example.com`),
        Value: JSON.stringify(hostRecord(id)),
        Type: 'String',
      }),
    );
  }
  seeder.destroy();
  Object.assign(process.env, {
    REGISTRY_PREFIX: PREFIX,
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_SSM: server.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    SSM_MAX_ATTEMPTS: '1',
    CORS_ALLOWED_ORIGINS: 'https://app.example.com',
  });
  logs = captureOutput();
  ({ handler } = await import('../../src/handler'));
});

afterAll(async () => {
  jest.restoreAllMocks();
  await server?.close();
});

describe('config-resolver against the SSM stand-in', () => {
  it('resolves a REST (v1) request for a registered host', async () => {
    const response = await handler(restEvent({ headers: { Origin: 'https://app.example.com' } }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ tenantId: 'acme', clientId: 'acmeclient123' });
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('resolves an HTTP API (v2) request for another tenant', async () => {
    const response = await handler(httpEvent({ domainName: 'GLOBEX.app.example.com' }));
    expect(JSON.parse(response.body).tenantId).toBe('globex');
  });

  it('answers an unregistered host 404 (ParameterNotFound over the wire)', async () => {
    const response = await handler(restEvent({ domainName: 'initech.app.example.com' }));
    expect(response).toMatchObject({ statusCode: 404, body: BODIES.notFound });
  });

  it('answers the execute-api host 404 and an invalid host 400', async () => {
    expect(
      (await handler(restEvent({ domainName: 'abc.execute-api.eu-west-1.amazonaws.com' }))).statusCode,
    ).toBe(404);
    expect((await handler(restEvent({ domainName: 'acme.app.example.com/../x' }))).statusCode).toBe(400);
  });

  it('writes structured JSON logs with a reason code and no raw input', () => {
    const entries = logs
      .text()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['resolved', 'unknown-host', 'platform-host', 'invalid-host']),
    );
    expect(entries.every((e) => e.service === 'config-resolver' && typeof e.latencyMs === 'number')).toBe(
      true,
    );
    expect(logs.text()).not.toContain('/../x');
  });

  it('keeps serving cached tenants when the store goes away, and 503s the rest', async () => {
    await server.close();
    expect(JSON.parse((await handler(restEvent())).body).tenantId).toBe('acme');
    const response = await handler(restEvent({ domainName: 'hooli.app.example.com' }));
    expect(response).toMatchObject({ statusCode: 503, body: BODIES.unavailable });
  });
});
