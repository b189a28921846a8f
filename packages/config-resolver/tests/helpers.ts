/** Builders shared by the tests: events, records, a config, a log recorder, a fake clock, a mocked SSM. */
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { type Config, loadConfig } from '../src/config';
import { createHandler, type OutcomeLogger } from '../src/create-handler';

export const PREFIX = '/cognito-tenancy/test';
export const parameterOf = (host: string) => `${PREFIX}/hosts/${host}`;

/** A host record as infra writes it, for tenant `id`. */
export function hostRecord(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenantId: id,
    pattern: 'dedicated',
    region: 'eu-west-1',
    userPoolId: `eu-west-1_${id.replace(/[^a-z0-9]/g, '')}Pool`,
    clientId: `${id.replace(/[^a-z0-9]/g, '')}client123`,
    cognitoDomain: `${id}-test.auth.eu-west-1.amazoncognito.com`,
    identityProvider: `${id}-saml`,
    redirectUri: `https://${id}.app.example.com/callback`,
    ...overrides,
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ REGISTRY_PREFIX: PREFIX, ...env });
}

interface EventInput {
  readonly domainName?: unknown;
  readonly method?: string;
  readonly headers?: Record<string, unknown>;
  readonly multiValueHeaders?: Record<string, unknown>;
}

/** An API Gateway REST API (v1) proxy event for `GET /config`. */
export function restEvent(input: EventInput = {}): Record<string, unknown> {
  return {
    resource: '/config',
    path: '/config',
    httpMethod: input.method ?? 'GET',
    headers: input.headers ?? {},
    multiValueHeaders: input.multiValueHeaders ?? {},
    queryStringParameters: null,
    requestContext: {
      resourcePath: '/config',
      httpMethod: input.method ?? 'GET',
      domainName: 'domainName' in input ? input.domainName : 'acme.app.example.com',
      stage: 'prod',
      requestId: 'req-1',
    },
    body: null,
    isBase64Encoded: false,
  };
}

/** An API Gateway HTTP API (v2) proxy event for `GET /config`. */
export function httpEvent(input: EventInput = {}): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: 'GET /config',
    rawPath: '/config',
    rawQueryString: '',
    headers: input.headers ?? {},
    requestContext: {
      domainName: 'domainName' in input ? input.domainName : 'acme.app.example.com',
      http: { method: input.method ?? 'GET', path: '/config', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1' },
      requestId: 'req-2',
      stage: '$default',
    },
    isBase64Encoded: false,
  };
}

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/** Records what the handler logs. */
export class LogRecorder implements OutcomeLogger {
  readonly entries: LogEntry[] = [];
  info(message: string, attributes: Record<string, unknown>): void {
    this.entries.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes: Record<string, unknown>): void {
    this.entries.push({ level: 'error', message, attributes });
  }
  get last(): LogEntry | undefined {
    return this.entries[this.entries.length - 1];
  }
  reasons(): unknown[] {
    return this.entries.map((e) => e.attributes.reason);
  }
}

export const notFound = () => new ParameterNotFound({ $metadata: { httpStatusCode: 400 }, message: '' });

/** An SSM error of the given name, as the SDK would throw it. */
export function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} from SSM`), { name, $metadata: {}, ...extra });
}

/**
 * A handler over a mocked SSM that serves `registry` (host -> record, or a raw string
 * value), a fake clock and a log recorder.
 */
export function setup(options: { env?: Record<string, string>; registry?: Record<string, unknown> } = {}) {
  let now = 1_700_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const ssm = new SSMClient({ region: 'eu-west-1' });
  const mock = mockClient(ssm);
  const registry = options.registry ?? { 'acme.app.example.com': hostRecord('acme') };
  mock.on(GetParameterCommand).callsFake(async (input: { Name: string }) => {
    const host = input.Name.slice(`${PREFIX}/hosts/`.length);
    if (!Object.hasOwn(registry, host)) throw notFound();
    const value = registry[host];
    return {
      Parameter: {
        Name: input.Name,
        Type: 'String',
        Version: 1,
        Value: typeof value === 'string' ? value : JSON.stringify(value),
      },
    };
  });
  const logs = new LogRecorder();
  const config = testConfig(options.env);
  const handler = createHandler({ config, ssm, logger: logs, now: clock.now });
  const ssmCalls = () => mock.commandCalls(GetParameterCommand).map((c) => c.args[0].input.Name);
  return { handler, mock, ssm, logs, clock, config, ssmCalls };
}
