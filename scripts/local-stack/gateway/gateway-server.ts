/**
 * The local gateway: the REST API of infra on one loopback port. Given the synthesized
 * stack (twin-stack.ts) it serves exactly its methods, authorization types, REQUEST
 * authorizer with API Gateway's result cache, AWS_PROXY and HTTP_PROXY integrations,
 * Lambda permissions, gateway responses and method throttling; without one, the registry's
 * route table (unit tests). Errors carry API Gateway's status codes and bodies.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AUTHORIZER_IDENTITY_SOURCES, ROUTES, type Route } from '@cognito-tenancy/registry/routes';
import { BodyTooLargeError, readBody, requestHost, sendJson } from '../http-io';
import { type AuthorizeOutcome, createAuthorizerStep } from './authorize';
import { type AuthorizerCache, createAuthorizerCache } from './authorizer-cache';
import { corsHeaders, preflightHeaders, requestOrigin } from './cors';
import { forward, IntegrationError } from './forward';
import { echoedHeaders, gatewayErrorAnswer } from './gateway-responses';
import { integrationPath, parseIntegrationUri } from './integration-target';
import type { Invoke } from './lambda-invoker';
import { lambdaPermissionCheck } from './lambda-permissions';
import { type HttpAnswer, readProxyResult } from './lambda-response';
import { createMethodThrottle } from './method-throttle';
import {
  type ApiIdentity,
  authorizerEvent,
  type GatewayRequest,
  headerValues,
  methodArn,
  proxyEvent,
} from './proxy-event';
import { matchRoute } from './route-match';
import {
  DEFAULT_HEADER_SOURCES,
  GATEWAY_SECRET_HEADER,
  serviceHeaders,
  TenantContextError,
} from './tenant-headers';
import type { TwinMethod, TwinStack } from './twin-stack';

/** One line per request; never a token or a body. */
export interface GatewayLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly status: number;
  /** Reason code: `lambda`, `proxied`, `unauthorized`, `forbidden`, `authorizer-error`, `lambda-permission`, ... */
  readonly outcome: string;
  /** For protected routes: whether the authorizer ran, was answered from the cache, or was skipped (no identity). */
  readonly authorizer?: 'invoked' | 'cached' | 'skipped';
  readonly latencyMs: number;
}

export interface GatewayOptions {
  readonly invoke: Invoke;
  /** The synthesized stack to serve. Without it: the registry's route table, `serviceUrl`, every invoke allowed. */
  readonly stack?: TwinStack;
  /** Without a stack: where `/{proxy+}` goes (`http://127.0.0.1:<port>`), as `<serviceUrl>/{proxy}`. */
  readonly serviceUrl?: string;
  /**
   * Local override: HTTP_PROXY integrations go to this origin's host and port instead of the
   * synthesized URI's (the service's port is picked at start); the URI's path stays.
   */
  readonly serviceOrigin?: string;
  /** Overrides the stack's authorizer result TTL (`--authorizer-cache-ttl`); required without a stack. */
  readonly authorizerCacheTtlSeconds?: number;
  /** Local override: exact origins allowed to call the API from a browser on another port. */
  readonly corsOrigins: readonly string[];
  readonly routes?: readonly Route[];
  readonly identitySources?: readonly string[];
  /** Function name (route function, `authorizer`, or as synthesized) -> name on the Lambda endpoint. */
  readonly functionNames?: Readonly<Record<string, string>>;
  readonly api?: ApiIdentity;
  /** Sent to the service so that it can refuse requests that did not come through the gateway. */
  readonly gatewaySecret?: string;
  readonly integrationTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly now?: () => number;
  readonly log?: (entry: GatewayLogEntry) => void;
}

export interface Gateway {
  readonly server: Server;
  readonly authorizerCache: AuthorizerCache;
}

const LOCAL_API: ApiIdentity = {
  region: 'local',
  accountId: '000000000000',
  apiId: 'localapi',
  stage: 'local',
};
// API Gateway's payload limit.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

type Reply = {
  status: number;
  body: Buffer | unknown;
  headers?: Record<string, string | string[]>;
  outcome: string;
  authorizer?: GatewayLogEntry['authorizer'];
  /** A gateway response's headers echoing a request header (gateway-responses.ts). */
  echo?: Readonly<Record<string, string>>;
};

function authorizerUse(decision: AuthorizeOutcome): NonNullable<GatewayLogEntry['authorizer']> {
  if ('cached' in decision && decision.cached) return 'cached';
  const refusedEarly =
    decision.kind === 'unauthorized' &&
    (decision.reason === 'missing-identity' || decision.reason === 'ambiguous-identity');
  return refusedEarly ? 'skipped' : 'invoked';
}

/** The stack the registry's route table describes, every invoke allowed (no stack given). */
function routeTableStack(options: GatewayOptions): TwinStack {
  if (options.serviceUrl === undefined || options.authorizerCacheTtlSeconds === undefined) {
    throw new Error('createGateway: without a stack, serviceUrl and authorizerCacheTtlSeconds are required');
  }
  const uri = parseIntegrationUri(`${options.serviceUrl.replace(/\/$/, '')}/{proxy}`);
  const methods: TwinMethod[] = (options.routes ?? ROUTES).map((route) => ({
    address: `route ${route.method} ${route.path}`,
    path: route.path,
    method: route.method,
    auth: route.auth === 'public' ? 'public' : 'authorizer',
    integration:
      'lambda' in route.target
        ? { type: 'AWS_PROXY', functionName: route.target.lambda }
        : {
            type: 'HTTP_PROXY',
            uri,
            pathParameters: { proxy: 'proxy' },
            headers: DEFAULT_HEADER_SOURCES,
            timeoutMs: options.integrationTimeoutMs ?? 29_000,
          },
  }));
  return {
    identity: options.api ?? LOCAL_API,
    methods,
    authorizer: {
      address: 'authorizer',
      functionName: 'authorizer',
      identitySources: options.identitySources ?? AUTHORIZER_IDENTITY_SOURCES,
      ttlSeconds: options.authorizerCacheTtlSeconds,
      sourceArn: '',
    },
    permissions: [],
    throttles: [],
    gatewayResponses: {},
    functions: [],
    tables: [],
    ignored: {},
  };
}

/** Creates the gateway's HTTP server (not listening yet). */
export function createGateway(options: GatewayOptions): Gateway {
  const stack = options.stack ?? routeTableStack(options);
  const api = options.api ?? stack.identity;
  const now = options.now ?? Date.now;
  const fn = (name: string) => options.functionNames?.[name] ?? name;
  const mayInvoke = options.stack === undefined ? () => true : lambdaPermissionCheck(stack.permissions);
  const throttle = createMethodThrottle(stack.throttles, now);
  const serviceOrigin = options.serviceOrigin === undefined ? undefined : new URL(options.serviceOrigin);
  const authorizerCache = createAuthorizerCache({
    ttlSeconds: options.authorizerCacheTtlSeconds ?? stack.authorizer?.ttlSeconds ?? 300,
    now,
  });
  const authorizerFn = stack.authorizer;
  const authorize =
    authorizerFn === undefined
      ? undefined
      : createAuthorizerStep({
          functionName: fn(authorizerFn.functionName),
          // API Gateway checks the authorizer's permission on every invoke; refused -> 500.
          invoke: async (name, event) => {
            if (!mayInvoke(authorizerFn.functionName, authorizerFn.sourceArn)) {
              throw new Error(
                `${authorizerFn.functionName}: no Lambda permission for ${authorizerFn.sourceArn}`,
              );
            }
            return options.invoke(name, event);
          },
          cache: authorizerCache,
          identitySources: authorizerFn.identitySources,
        });

  const gatewayError = (
    responseType: string,
    status: number,
    message: string | null,
    type: string,
    outcome: string,
  ): Reply => ({
    ...gatewayErrorAnswer(stack.gatewayResponses, responseType, status, message, type),
    outcome,
  });

  function authorizerReply(outcome: Exclude<AuthorizeOutcome, { kind: 'allow' }>): Reply {
    switch (outcome.kind) {
      case 'unauthorized':
        return gatewayError(
          'UNAUTHORIZED',
          401,
          'Unauthorized',
          'UnauthorizedException',
          `unauthorized:${outcome.reason}`,
        );
      case 'forbidden':
        return outcome.explicit
          ? gatewayError(
              'ACCESS_DENIED',
              403,
              'User is not authorized to access this resource with an explicit deny',
              'AccessDeniedException',
              'forbidden:explicit-deny',
            )
          : gatewayError(
              'ACCESS_DENIED',
              403,
              'User is not authorized to access this resource',
              'AccessDeniedException',
              'forbidden',
            );
      default:
        return gatewayError(
          'AUTHORIZER_CONFIGURATION_ERROR',
          500,
          null,
          'AuthorizerConfigurationException',
          'authorizer-error',
        );
    }
  }

  const answerReply = (answer: HttpAnswer, outcome: string): Reply => ({
    status: answer.status,
    body: answer.body,
    headers: answer.headers as Record<string, string[]>,
    outcome,
  });

  async function invokeLambda(name: string, event: unknown, sourceArn: string): Promise<Reply> {
    if (!mayInvoke(name, sourceArn)) {
      // What API Gateway answers when Lambda refuses its invoke (the permission does not match).
      return gatewayError(
        'API_CONFIGURATION_ERROR',
        500,
        'Internal server error',
        'InternalServerErrorException',
        'lambda-permission',
      );
    }
    try {
      const outcome = await options.invoke(fn(name), event);
      if (outcome.kind === 'function-error')
        return gatewayError(
          'DEFAULT_5XX',
          502,
          'Internal server error',
          'InternalServerErrorException',
          'lambda-error',
        );
      return answerReply(readProxyResult(outcome.payload), 'lambda');
    } catch {
      return gatewayError(
        'DEFAULT_5XX',
        502,
        'Internal server error',
        'InternalServerErrorException',
        'lambda-error',
      );
    }
  }

  async function proxyToService(
    req: GatewayRequest,
    hit: TwinMethod & { integration: { type: 'HTTP_PROXY' } },
    pathParameters: Readonly<Record<string, string>>,
    context: Readonly<Record<string, string | number | boolean>>,
    cors: Record<string, string>,
    authorizer: Reply['authorizer'],
  ): Promise<Reply> {
    const integration = hit.integration;
    const uri =
      serviceOrigin === undefined
        ? integration.uri
        : { ...integration.uri, hostname: serviceOrigin.hostname, port: Number(serviceOrigin.port || 80) };
    const parameters: Record<string, string> = {};
    for (const [placeholder, from] of Object.entries(integration.pathParameters)) {
      const value = pathParameters[from];
      if (value !== undefined) parameters[placeholder] = value;
    }
    try {
      const extra: Record<string, string> = {
        'x-forwarded-for': req.sourceIp,
        'x-amzn-requestid': req.requestId,
      };
      if (options.gatewaySecret !== undefined) extra[GATEWAY_SECRET_HEADER] = options.gatewaySecret;
      const answer = await forward({
        uri,
        method: req.method,
        pathAndQuery: integrationPath(uri, parameters, req.rawQuery),
        headers: serviceHeaders(req.rawHeaders, context, extra, integration.headers),
        body: req.body,
        timeoutMs: options.integrationTimeoutMs ?? integration.timeoutMs,
      });
      return { ...answerReply(answer, 'proxied'), headers: { ...answer.headers, ...cors }, authorizer };
    } catch (error) {
      if (error instanceof TenantContextError) {
        return {
          ...gatewayError(
            'AUTHORIZER_CONFIGURATION_ERROR',
            500,
            null,
            'AuthorizerConfigurationException',
            'incomplete-tenant-context',
          ),
          authorizer,
        };
      }
      const status = error instanceof IntegrationError ? error.status : 502;
      const reply =
        status === 504
          ? gatewayError(
              'INTEGRATION_TIMEOUT',
              504,
              'Endpoint request timed out',
              'IntegrationFailure',
              'integration-504',
            )
          : gatewayError(
              'INTEGRATION_FAILURE',
              status,
              'Internal server error',
              'IntegrationFailure',
              `integration-${status}`,
            );
      return { ...reply, headers: { ...reply.headers, ...cors }, authorizer };
    }
  }

  // Preflights: the synthesized MOCK OPTIONS (its origin list) plus the local pages' origins.
  const preflightOrigins = [...new Set([...options.corsOrigins, ...(stack.preflight?.origins ?? [])])];

  async function route(req: GatewayRequest, origin: string | undefined): Promise<Reply> {
    const cors = corsHeaders(options.corsOrigins, origin);
    if (req.method === 'OPTIONS' && preflightOrigins.length > 0) {
      return {
        status: 204,
        body: Buffer.alloc(0),
        headers: preflightHeaders(preflightOrigins, origin),
        outcome: 'preflight',
      };
    }
    const match = matchRoute(stack.methods, req.method, req.path);
    if (match.kind === 'no-route') {
      return gatewayError(
        'MISSING_AUTHENTICATION_TOKEN',
        403,
        'Missing Authentication Token',
        'MissingAuthenticationTokenException',
        'no-route',
      );
    }
    const { route: hit, pathParameters } = match;
    if (!throttle(hit.path, hit.method)) {
      const reply = gatewayError(
        'THROTTLED',
        429,
        'Too Many Requests',
        'TooManyRequestsException',
        'throttled',
      );
      return { ...reply, headers: { ...reply.headers, ...cors } };
    }
    const sourceArn = methodArn(api, req.method, req.path);
    if (hit.auth === 'public') {
      if (hit.integration.type === 'AWS_PROXY')
        return invokeLambda(
          hit.integration.functionName,
          proxyEvent(api, req, hit.path, pathParameters),
          sourceArn,
        );
      return proxyToService(
        req,
        { ...hit, integration: hit.integration },
        pathParameters,
        {},
        cors,
        undefined,
      );
    }
    if (authorize === undefined) {
      return gatewayError(
        'AUTHORIZER_CONFIGURATION_ERROR',
        500,
        null,
        'AuthorizerConfigurationException',
        'no-authorizer',
      );
    }
    const event = authorizerEvent(api, req, hit.path, pathParameters);
    const decision = await authorize({ request: req, event, methodArn: sourceArn });
    const authorizer = authorizerUse(decision);
    if (decision.kind !== 'allow') {
      const reply = authorizerReply(decision);
      return { ...reply, headers: { ...reply.headers, ...cors }, authorizer };
    }
    const context = decision.result.context;
    if (hit.integration.type === 'AWS_PROXY') {
      const lambdaEvent = proxyEvent(api, req, hit.path, pathParameters);
      const authorizerContext = { ...context, principalId: decision.result.principalId };
      const reply = await invokeLambda(
        hit.integration.functionName,
        { ...lambdaEvent, requestContext: { ...lambdaEvent.requestContext, authorizer: authorizerContext } },
        sourceArn,
      );
      return { ...reply, authorizer };
    }
    return proxyToService(
      req,
      { ...hit, integration: hit.integration },
      pathParameters,
      context,
      cors,
      authorizer,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = now();
    const requestId = randomUUID();
    const [path = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const host = requestHost(req);
    const method = (req.method ?? 'GET').toUpperCase();
    let reply: Reply;
    if (host === undefined || !path.startsWith('/')) {
      reply = gatewayError(
        'BAD_REQUEST_PARAMETERS',
        400,
        'Bad Request',
        'BadRequestException',
        'bad-request',
      );
    } else {
      try {
        const body = await readBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
        const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
        const gatewayRequest: GatewayRequest = {
          method,
          path,
          rawQuery,
          rawHeaders: req.rawHeaders,
          body,
          sourceIp,
          domainName: host,
          requestId,
          receivedAt: started,
        };
        reply = await route(gatewayRequest, requestOrigin(req.rawHeaders));
      } catch (error) {
        reply =
          error instanceof BodyTooLargeError
            ? gatewayError(
                'REQUEST_TOO_LARGE',
                413,
                'Request Too Long',
                'RequestTooLongException',
                'too-large',
              )
            : gatewayError(
                'DEFAULT_5XX',
                500,
                'Internal server error',
                'InternalServerErrorException',
                'gateway-error',
              );
      }
    }
    const echoed = echoedHeaders(reply.echo, (name) => headerValues(req.rawHeaders, name));
    const headers = { ...echoed, ...reply.headers, 'x-amzn-requestid': requestId };
    if (Buffer.isBuffer(reply.body)) {
      res.writeHead(reply.status, { ...headers, 'content-length': String(reply.body.length) });
      res.end(reply.body);
    } else {
      sendJson(res, reply.status, reply.body, headers);
    }
    options.log?.({
      requestId,
      method,
      path,
      host: host ?? '',
      status: reply.status,
      outcome: reply.outcome,
      ...(reply.authorizer ? { authorizer: reply.authorizer } : {}),
      latencyMs: now() - started,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
  });
  return { server, authorizerCache };
}
