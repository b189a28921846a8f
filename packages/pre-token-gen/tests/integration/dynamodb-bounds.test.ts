/**
 * The real SDK client as the Lambda builds it, against local servers that misbehave:
 * one that never answers and one that always throttles. The lookup must give up with
 * the generic registry error after at most two attempts, well inside Cognito's 5 s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { providerItemKey } from '@cognito-tenancy/registry/keys';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createDynamoDbClient, createTenantCache, lookupBudgetMs } from '../../src/aws-clients';
import { loadConfig } from '../../src/config';
import { RegistryError } from '../../src/errors';
import { createTenantLookup } from '../../src/tenant-store';

const servers: Server[] = [];
const clients: DynamoDBClient[] = [];
afterEach(async () => {
  // Clients first (their keep-alive sockets), then the servers: nothing outlives the test.
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(answer: (res: import('node:http').ServerResponse) => void) {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    answer(res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

function lookupAgainst(endpoint: string, timeoutMs: number) {
  const config = loadConfig({ TENANT_TABLE_NAME: 'tenants', DYNAMODB_TIMEOUT_MS: String(timeoutMs) });
  const client = createDynamoDbClient(config, {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  clients.push(client);
  return {
    lookup: createTenantLookup({
      client,
      tableName: config.tenantTableName,
      cache: createTenantCache(config),
    }),
    budget: lookupBudgetMs(config),
  };
}

async function failure(promise: Promise<unknown>) {
  const started = Date.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, elapsed: Date.now() - started };
}

const key = providerItemKey('eu-west-1_Shared123', 'AcmeIdP');

describe('DynamoDB bounds', () => {
  it('gives up on a table that never answers, within the lookup budget', async () => {
    const hanging = await serve(() => {});
    const { lookup, budget } = lookupAgainst(hanging.endpoint, 200);
    const { error, elapsed } = await failure(lookup(key));
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).reason).toBe('registry-unavailable');
    // Each attempt is cut off at its timeout (not only warned about), then retried once.
    expect(hanging.requests()).toBe(2);
    // The budget (650 ms here) plus scheduling slack; Cognito allows 5,000 ms.
    expect(elapsed).toBeLessThan(budget + 1000);
  });

  it('retries throttling once, then fails with the generic registry error', async () => {
    const throttling = await serve((res) => {
      const body = JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded',
      });
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(body);
    });
    // The largest timeout, so that the SDK's throttling backoff always fits in the budget.
    const { lookup, budget } = lookupAgainst(throttling.endpoint, 1500);
    const { error, elapsed } = await failure(lookup(key));
    expect(elapsed).toBeLessThan(budget + 1000);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe('tenant registry: registry-unavailable');
    expect(throttling.requests()).toBe(2);
  });
});
