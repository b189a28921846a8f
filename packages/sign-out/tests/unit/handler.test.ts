/**
 * The wiring in handler.ts: configuration validated at import (cold start), the real
 * Powertools logger writing one structured line per request.
 */
import { captureStdout, handlerImporter } from '@cognito-tenancy/kit/testing/handler-module';
import { describe, expect, it } from '@jest/globals';
import { MEMBERS, signOutEvent } from '../support/world';

const importHandler = handlerImporter(() => import('../../src/handler'));

describe('handler module', () => {
  it('fails at cold start when the configuration is invalid, naming every variable', async () => {
    await expect(importHandler({ TENANT_TABLE_NAME: '', REVOCATION_TABLE_NAME: '' })).rejects.toThrow(
      'sign-out configuration: TENANT_TABLE_NAME is required (a DynamoDB table name); ' +
        'REVOCATION_TABLE_NAME is required (a DynamoDB table name)',
    );
  });

  it('exports a middy handler a team can extend with .use()', async () => {
    const handler = await importHandler({
      TENANT_TABLE_NAME: 'tenants-test',
      REVOCATION_TABLE_NAME: 'revocations-test',
    });
    expect(typeof handler.use).toBe('function');
  });

  it('wires a middy handler that logs one JSON line with a reason code and the request id, without calling AWS for a refusal', async () => {
    const stdout = captureStdout();
    const handler = await importHandler({
      TENANT_TABLE_NAME: 'tenants-test',
      REVOCATION_TABLE_NAME: 'revocations-test',
      AWS_REGION: 'eu-west-1',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });

    const context = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef' };
    const response = await handler(signOutEvent({ caller: MEMBERS.acme, target: 'not-a-uuid' }), context);

    expect(response.statusCode).toBe(400);
    expect(stdout.jsonLines()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'sign-out',
        service: 'sign-out',
        reason: 'sub-invalid',
        status: 400,
        tenantId: 'acme',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      }),
    ]);
  });
});
