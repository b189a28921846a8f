/**
 * The wiring in handler.ts: configuration validated at import (cold start), the real
 * Powertools logger writing one structured line per request.
 */
import { captureStdout, handlerImporter } from '@cognito-tenancy/kit/testing/handler-module';
import { describe, expect, it } from '@jest/globals';

const importHandler = handlerImporter(() => import('../../src/handler'));

describe('handler module', () => {
  it('fails at cold start when the configuration is invalid, naming every variable', async () => {
    await expect(importHandler({ TENANT_TABLE_NAME: '', DYNAMODB_MAX_ATTEMPTS: '0' })).rejects.toThrow(
      'tenant-match configuration: TENANT_TABLE_NAME is required (a DynamoDB table name); ' +
        'DYNAMODB_MAX_ATTEMPTS must be an integer from 1 to 5',
    );
  });

  it('wires a middy handler that logs one JSON line with a reason code, the request id and no email', async () => {
    const stdout = captureStdout();
    const handler = await importHandler({
      TENANT_TABLE_NAME: 'tenants-test',
      AWS_REGION: 'eu-west-1',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });

    const response = await handler(
      {
        httpMethod: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bob.secret@globex.com@acme.com' }),
      },
      { awsRequestId: 'd1f4a7e2-0000-4000-8000-00000000cafe' },
    );

    expect(response.statusCode).toBe(400);
    expect(stdout.jsonLines()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'tenant-match',
        service: 'tenant-match',
        reason: 'email-multiple-at',
        status: 400,
        requestId: 'd1f4a7e2-0000-4000-8000-00000000cafe',
      }),
    ]);
    expect(stdout.text()).not.toMatch(/bob|globex|acme/);
  });

  it('exports a middy handler a team can extend with .use()', async () => {
    const handler = await importHandler({ TENANT_TABLE_NAME: 'tenants-test' });
    expect(typeof handler.use).toBe('function');
  });
});
