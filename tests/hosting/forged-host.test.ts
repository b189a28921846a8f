/**
 * The front door from the attacker's side: a client that forges the host header cannot
 * change the tenant `GET /config` answers for. The path of a request is modelled with the
 * real parts: infra's CloudFront Function source (viewer request), the origin secret
 * CloudFront adds and the WAF rule on the stage (infra), the environment infra gives
 * config-resolver, and config-resolver's handler with an in-memory registry.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from '@jest/globals';
import { forwardHostFunction } from '../../infra/src/cloudfront-functions';
import { lambdaEnvironment } from '../../infra/src/lambda-environment';
import { ORIGIN_SECRET_HEADER } from '../../infra/src/origin-secret';
import { originSecretRule } from '../../infra/src/origin-secret-rules';
import { loadConfig as loadAuthorizerConfig } from '../../packages/authorizer/src/config';
import { loadConfig } from '../../packages/config-resolver/src/config';
import { createHandler } from '../../packages/config-resolver/src/create-handler';

const PREFIX = '/cognito-tenancy/dev';
const ACME = 'acme.dev.example.com';
const GLOBEX = 'globex.dev.example.com';
const SECRET = 'a6f0c1d2-0000-4000-8000-current';
const NEXT = 'b7e1d2c3-0000-4000-8000-next';
const EXECUTE_API = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const SHARED_HOST = 'app.dev.example.com';
/** The distribution's own name (CloudFront's event.context.distributionDomainName). */
const DISTRIBUTION = 'd1a2b3c4d5e6f7.cloudfront.net';
const FORWARD_HOST_FUNCTION = forwardHostFunction([ACME, GLOBEX, SHARED_HOST]);

const record = (tenantId: string) => ({
  tenantId,
  pattern: 'dedicated',
  region: 'eu-west-1',
  userPoolId: `eu-west-1_${tenantId}Pool1`,
  clientId: `${tenantId}client0000001`,
  cognitoDomain: `ct-dev-${tenantId}.auth.eu-west-1.amazoncognito.com`,
  identityProvider: `${tenantId}-idp`,
  redirectUri: `https://${tenantId}.dev.example.com/callback`,
});
const REGISTRY: Record<string, unknown> = {
  [`${PREFIX}/hosts/${ACME}`]: record('acme'),
  [`${PREFIX}/hosts/${GLOBEX}`]: record('globex'),
};

type Headers = Record<string, { value: string; multiValue?: { value: string }[] }>;

function system() {
  const lookups: string[] = [];
  const ssm = {
    send: async (command: { input: { Name: string } }) => {
      lookups.push(command.input.Name);
      const value = REGISTRY[command.input.Name];
      if (value === undefined) throw Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
      return { Parameter: { Name: command.input.Name, Value: JSON.stringify(value) } };
    },
  } as unknown as SSMClient;
  // The environment infra synthesizes for config-resolver behind the distribution.
  const env = lambdaEnvironment('config-resolver', {
    registryPrefix: PREFIX,
    tenantTableName: 'ct-dev-tenants',
    corsAllowedOrigins: [],
    unregisteredHosts: [SHARED_HOST],
    trustedHostHeader: 'x-forwarded-host',
  });
  const silent = { info() {}, warn() {}, error() {} };
  const handler = createHandler({ config: loadConfig(env), ssm, logger: silent });
  const waf = originSecretRule([SECRET, NEXT], 'ct-dev-api-public', 0) as {
    Statement: {
      NotStatement: {
        Statement: { OrStatement: { Statements: { ByteMatchStatement: { SearchString: string } }[] } };
      };
    };
  };
  const accepted = waf.Statement.NotStatement.Statement.OrStatement.Statements.map(
    (s) => s.ByteMatchStatement.SearchString,
  );

  /** API Gateway's stage: WAF first (the origin secret), then the proxy event to the Lambda. */
  async function gateway(headers: Record<string, string[]>) {
    const secret = headers[ORIGIN_SECRET_HEADER];
    if (secret?.length !== 1 || !accepted.includes(secret[0] ?? ''))
      return { statusCode: 403, body: 'Forbidden' };
    const event = {
      httpMethod: 'GET',
      path: '/config',
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v[v.length - 1]])),
      multiValueHeaders: headers,
      requestContext: { domainName: EXECUTE_API, httpMethod: 'GET', stage: 'dev' },
    };
    return handler(event);
  }

  /** CloudFront: the viewer-request function, then the origin request (Host replaced, secret set). */
  async function viaCloudFront(viewer: Headers) {
    const run = new Function(`${FORWARD_HOST_FUNCTION}\nreturn handler;`)() as (e: unknown) => {
      headers: Headers;
      statusCode?: number;
    };
    const request = run({
      context: { distributionDomainName: DISTRIBUTION },
      request: { method: 'GET', uri: '/config', headers: structuredClone(viewer) },
    });
    // A response from the viewer-request function: CloudFront answers it, no origin is called.
    if (request.statusCode !== undefined) return { statusCode: request.statusCode, body: 'Unknown host' };
    const origin: Record<string, string[]> = {};
    for (const [name, header] of Object.entries(request.headers)) {
      if (name === 'host') continue; // AllViewerExceptHostHeader
      origin[name] = header.multiValue ? header.multiValue.map((m) => m.value) : [header.value];
    }
    origin.host = [EXECUTE_API];
    origin[ORIGIN_SECRET_HEADER] = [SECRET]; // CloudFront's custom origin header replaces a viewer's copy
    return gateway(origin);
  }
  return { lookups, gateway, viaCloudFront };
}

const tenantOf = (response: { statusCode: number; body: string }) =>
  response.statusCode === 200
    ? (JSON.parse(response.body) as { tenantId: string }).tenantId
    : response.statusCode;

describe('GET /config behind CloudFront, from the attacker side', () => {
  it('answers for the host the browser is on', async () => {
    const { viaCloudFront } = system();
    expect(tenantOf(await viaCloudFront({ host: { value: ACME } }))).toBe('acme');
  });

  it.each<[string, Headers]>([
    ['a forged X-Forwarded-Host', { host: { value: ACME }, 'x-forwarded-host': { value: GLOBEX } }],
    [
      'repeated forged X-Forwarded-Host values',
      {
        host: { value: ACME },
        'x-forwarded-host': { value: GLOBEX, multiValue: [{ value: GLOBEX }, { value: GLOBEX }] },
      },
    ],
    ['a forged list', { host: { value: ACME }, 'x-forwarded-host': { value: `${GLOBEX}, ${ACME}` } }],
    ['a forged origin secret', { host: { value: ACME }, [ORIGIN_SECRET_HEADER]: { value: 'guess' } }],
  ])('still answers for the viewer host with %s', async (_, viewer) => {
    const { viaCloudFront, lookups } = system();
    expect(tenantOf(await viaCloudFront(viewer))).toBe('acme');
    expect(lookups).toEqual([`${PREFIX}/hosts/${ACME}`]);
  });

  it.each<[string, Record<string, string[]>]>([
    ['no origin secret', { 'x-forwarded-host': [GLOBEX] }],
    ['a guessed origin secret', { 'x-forwarded-host': [GLOBEX], [ORIGIN_SECRET_HEADER]: ['guess'] }],
    ['two secrets', { 'x-forwarded-host': [GLOBEX], [ORIGIN_SECRET_HEADER]: ['guess', SECRET] }],
  ])('refuses a call straight to API Gateway with %s, before any lookup', async (_, headers) => {
    const { gateway, lookups } = system();
    expect(await gateway({ host: [EXECUTE_API], ...headers })).toMatchObject({ statusCode: 403 });
    expect(lookups).toEqual([]);
  });

  it.each<[string, string]>([
    ['the distribution’s own cloudfront.net name', DISTRIBUTION],
    ['a name that is not one of its aliases', 'evil.example.net'],
  ])('refuses a request on %s at the edge, before any lookup', async (_, host) => {
    const { viaCloudFront, lookups } = system();
    const response = await viaCloudFront({ host: { value: host }, 'x-forwarded-host': { value: ACME } });
    expect(response.statusCode).toBe(403);
    expect(lookups).toEqual([]);
  });

  it('accepts the next secret too, so a rotation never refuses CloudFront', async () => {
    const { gateway } = system();
    const response = await gateway({
      host: [EXECUTE_API],
      'x-forwarded-host': [ACME],
      [ORIGIN_SECRET_HEADER]: [NEXT],
    });
    expect(tenantOf(response)).toBe('acme');
  });
});

describe('the authorizer infra configures behind CloudFront', () => {
  it('reads its host settings: the forwarded header, and the shared host as the only unregistered one', () => {
    const env = lambdaEnvironment('authorizer', {
      registryPrefix: PREFIX,
      tenantTableName: 'ct-dev-tenants',
      corsAllowedOrigins: [],
      unregisteredHosts: [SHARED_HOST],
      trustedHostHeader: 'x-forwarded-host',
    });
    const config = loadAuthorizerConfig(env);
    // Never "any host": a tenant's token would pass on the distribution's own name.
    expect(config.allowUnregisteredHosts).toBe(false);
    expect(config.allowedUnregisteredHosts).toEqual([SHARED_HOST]);
    expect(config.trustedHostHeader).toBe('x-forwarded-host');
  });
});
