/**
 * The operations metric filters against lines the real writers produce: the authorizer's
 * handler and JSON line logger, config-resolver's handler module (Powertools Logger, the SDK's
 * SSM client) against a loopback server answering as SSM does when it throttles, and API
 * Gateway's access log format filled in as API Gateway does. Each filter must count its
 * outcome and no other.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMServiceException } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHandler as createAuthorizerHandler } from '../../../packages/authorizer/src/create-handler';
import {
  ExpiredTokenError,
  RegistryUnavailableError,
  RevocationUnavailableError,
} from '../../../packages/authorizer/src/errors';
import { createJsonLineLogger } from '../../../packages/authorizer/src/json-line-logger';
import { ACCESS_LOG_FIELDS } from '../../src/access-log';
import { matchesFilterPattern } from '../../src/filter-pattern';
import { LOG_METRICS } from '../../src/operations-metrics';

const pattern = (id: string): string => {
  const metric = LOG_METRICS.find((m) => m.id === id);
  if (metric === undefined) throw new Error(`no log metric ${id}`);
  return metric.pattern;
};

/** Which filters of `source` match `line`, by id. */
function matching(source: string, line: string): string[] {
  return LOG_METRICS.filter((m) => m.source === source && matchesFilterPattern(m.pattern, line)).map(
    (m) => m.id,
  );
}

describe('authorizer lines (its handler and JSON line logger)', () => {
  const throttle = () => {
    const error = new SSMServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'Rate exceeded',
    });
    return Object.assign(error, { $retryable: { throttling: true } });
  };

  /** One decision of the real handler whose authorize step ends as `outcome`; returns the line logged. */
  async function lineFor(outcome: Error | 'allow'): Promise<string> {
    const lines: string[] = [];
    const handler = createAuthorizerHandler({
      authorizer: {
        authorize: async () => {
          if (outcome !== 'allow') throw outcome;
          return {
            identity: {
              tenantId: 'acme',
              sub: 'a-sub',
              username: 'alice',
              groups: [],
              tokenUse: 'access',
              clientId: 'client1',
              userPoolId: 'eu-west-1_abc',
            },
            context: {},
            cache: 'miss',
          } as never;
        },
      },
      logger: createJsonLineLogger({ service: 'authorizer', level: 'INFO', write: (l) => lines.push(l) }),
      policyScope: 'stage',
      deadlineMs: 1000,
    });
    await handler({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/pets',
      headers: { Authorization: 'Bearer x.y.z', Host: 'acme.example.com' },
      requestContext: { domainName: 'acme.example.com', stage: 'dev' },
    }).catch(() => undefined);
    expect(lines).toHaveLength(1);
    return (lines[0] as string).trim();
  }

  it('counts an SSM throttle as throttled and as an authorizer error', async () => {
    const line = await lineFor(new RegistryUnavailableError('registry read failed', { cause: throttle() }));
    expect(matching('authorizer', line).sort()).toEqual(['authorizer-errors', 'authorizer-ssm-throttled']);
  });

  it('counts other dependency failures as errors only', async () => {
    const down = new RegistryUnavailableError('registry read failed', {
      cause: Object.assign(new Error('x'), { name: 'AccessDeniedException' }),
    });
    expect(matching('authorizer', await lineFor(down))).toEqual(['authorizer-errors']);
    expect(matching('authorizer', await lineFor(new RevocationUnavailableError('x')))).toEqual([
      'authorizer-errors',
    ]);
  });

  it('counts neither for a caller problem or an allowed request', async () => {
    expect(matching('authorizer', await lineFor(new ExpiredTokenError('expired')))).toEqual([]);
    expect(matching('authorizer', await lineFor('allow'))).toEqual([]);
  });

  it('does not count the runtime lines Lambda writes for every thrown 401', () => {
    // Lambda's JSON log format: the runtime's own line for a rejected invocation carries no `service`.
    const invokeError = JSON.stringify({
      timestamp: '2026-01-01T00:00:00.000Z',
      level: 'ERROR',
      requestId: 'r-1',
      message: 'Invoke Error',
      errorType: 'Error',
      errorMessage: 'Unauthorized',
    });
    expect(matching('authorizer', invokeError)).toEqual([]);
  });
});

describe('config-resolver lines (the handler module, Powertools, the SDK against a throttling SSM)', () => {
  let server: Server;
  const written: string[] = [];
  let handler: (event: unknown) => Promise<{ statusCode: number }>;

  beforeAll(async () => {
    // SSM's JSON 1.1 protocol: names with "throttled" are refused for rate, "acme" exists, the rest do not.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        const name = String((JSON.parse(body) as { Name?: unknown }).Name);
        const answer = (status: number, value: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(value));
        };
        if (name.includes('throttled'))
          answer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
        else if (name.includes('acme'))
          answer(200, {
            Parameter: {
              Name: name,
              Type: 'String',
              Value: JSON.stringify({
                tenantId: 'acme',
                pattern: 'dedicated',
                region: 'eu-west-1',
                userPoolId: 'eu-west-1_acmePool',
                clientId: 'acmeclient123',
                cognitoDomain: 'acme-test.auth.eu-west-1.amazoncognito.com',
                identityProvider: 'acme-saml',
                redirectUri: 'https://acme.example.com/callback',
              }),
            },
          });
        else answer(400, { __type: 'ParameterNotFound', message: '' });
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    Object.assign(process.env, {
      REGISTRY_PREFIX: '/cognito-tenancy/ops',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      SSM_MAX_ATTEMPTS: '1',
    });
    // Powertools writes INFO to stdout and WARN/ERROR to stderr.
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    }
    ({ handler } = await import('../../../packages/config-resolver/src/handler'));
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await new Promise((done) => server?.close(done));
  });

  /** The JSON line logged for a `GET /config` on `host`. */
  async function lineFor(host: string, status: number): Promise<string> {
    written.length = 0;
    const response = await handler({
      resource: '/config',
      path: '/config',
      httpMethod: 'GET',
      headers: { Host: host },
      multiValueHeaders: {},
      queryStringParameters: null,
      requestContext: {
        resourcePath: '/config',
        httpMethod: 'GET',
        domainName: host,
        stage: 'dev',
        requestId: 'r',
      },
      body: null,
      isBase64Encoded: false,
    });
    expect(response.statusCode).toBe(status);
    const lines = written.flatMap((chunk) => chunk.split('\n')).filter((l) => l.startsWith('{'));
    expect(lines).toHaveLength(1);
    return lines[0] as string;
  }

  it('counts the throttled outcome as SSM throttling', async () => {
    const line = await lineFor('throttled.example.com', 503);
    expect(JSON.parse(line)).toMatchObject({ service: 'config-resolver', reason: 'ssm-throttled' });
    expect(matching('config-resolver', line)).toEqual(['config-resolver-ssm-throttled']);
  });

  it('counts no other outcome', async () => {
    expect(matching('config-resolver', await lineFor('acme.example.com', 200))).toEqual([]);
    expect(matching('config-resolver', await lineFor('unknown.example.com', 404))).toEqual([]);
    expect(matching('config-resolver', await lineFor('bad_host..example', 400))).toEqual([]);
  });

  it('is not confused with the authorizer filters, nor they with it', async () => {
    const line = await lineFor('throttled.example.com', 503);
    expect(matchesFilterPattern(pattern('authorizer-ssm-throttled'), line)).toBe(false);
    expect(matchesFilterPattern(pattern('authorizer-errors'), line)).toBe(false);
  });
});

describe('access log lines (the stage format, filled in as API Gateway does)', () => {
  /** API Gateway substitutes each `$context` variable as text, inside the format's quotes. */
  function accessLine(status: number): string {
    const values: Record<string, string> = {
      '$context.status': String(status),
      '$context.responseLatency': '12',
      '$context.integrationLatency': '-',
      '$context.authorizer.status': status === 401 ? '401' : '-',
    };
    const fields = Object.fromEntries(
      Object.entries(ACCESS_LOG_FIELDS).map(([name, variable]) => [name, values[variable] ?? `x-${name}`]),
    );
    return JSON.stringify(fields);
  }

  it.each([
    [200, []],
    [201, []],
    [400, []],
    [401, ['api-denied']],
    [403, ['api-denied']],
    [404, []],
    [429, ['api-throttled']],
    [500, []],
    [503, []],
  ])('status %i counts as %j', (status, expected) => {
    expect(matching('access-log', accessLine(status))).toEqual(expected);
  });
});
