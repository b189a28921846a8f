/**
 * The local gateway: the REST API of infra on one loopback port. It serves the registry's
 * route table (public Lambda routes, the REQUEST authorizer with API Gateway's result
 * cache, `/{proxy+}` forwarded to the service with the tenant context headers) and
 * answers errors with API Gateway's status codes and bodies.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AUTHORIZER_IDENTITY_SOURCES, ROUTES, type Route } from '@cognito-tenancy/registry/routes';
import { BodyTooLargeError, readBody, requestHost, sendJson } from '../http-io';
import { type AuthorizeOutcome, createAuthorizerStep } from './authorize';
import { type AuthorizerCache, createAuthorizerCache } from './authorizer-cache';
import { corsHeaders, preflightHeaders, requestOrigin } from './cors';
import { forward, IntegrationError } from './forward';
import { integrationPath, parseIntegrationUri } from './integration-target';
import type { Invoke } from './lambda-invoker';
import { type HttpAnswer, readProxyResult } from './lambda-response';
import { type ApiIdentity, authorizerEvent, type GatewayRequest, methodArn, proxyEvent } from './proxy-event';
import { matchRoute } from './route-match';
import { GATEWAY_SECRET_HEADER, serviceHeaders, TenantContextError } from './tenant-headers';

/** One line per request; never a token or a body. */
export interface GatewayLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly status: number;
  /** Reason code: `lambda`, `proxied`, `unauthorized`, `forbidden`, `authorizer-error`, ... */
  readonly outcome: string;
  /** For protected routes: whether the authorizer ran, was answered from the cache, or was skipped (no identity). */
  readonly authorizer?: 'invoked' | 'cached' | 'skipped';
  readonly latencyMs: number;
}

export interface GatewayOptions {
  readonly invoke: Invoke;
  /** Where `/{proxy+}` goes (`http://127.0.0.1:<port>`): the integration URI is `<serviceUrl>/{proxy}`. */
  readonly serviceUrl: string;
  readonly authorizerCacheTtlSeconds: number;
  /** Exact origins allowed to call the API from a browser. */
  readonly corsOrigins: readonly string[];
  readonly routes?: readonly Route[];
  readonly identitySources?: readonly string[];
  /** Lambda function name per route function, and `authorizer`; default: the package names. */
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
};

function authorizerUse(decision: AuthorizeOutcome): NonNullable<GatewayLogEntry['authorizer']> {
  if ('cached' in decision && decision.cached) return 'cached';
  const refusedEarly =
    decision.kind === 'unauthorized' &&
    (decision.reason === 'missing-identity' || decision.reason === 'ambiguous-identity');
  return refusedEarly ? 'skipped' : 'invoked';
}

const gatewayError = (status: number, message: string | null, type: string, outcome: string): Reply => ({
  status,
  body: { message },
  headers: { 'x-amzn-errortype': type },
  outcome,
});

function authorizerReply(outcome: Exclude<AuthorizeOutcome, { kind: 'allow' }>): Reply {
  switch (outcome.kind) {
    case 'unauthorized':
      return gatewayError(401, 'Unauthorized', 'UnauthorizedException', `unauthorized:${outcome.reason}`);
    case 'forbidden':
      return outcome.explicit
        ? gatewayError(
            403,
            'User is not authorized to access this resource with an explicit deny',
            'AccessDeniedException',
            'forbidden:explicit-deny',
          )
        : gatewayError(
            403,
            'User is not authorized to access this resource',
            'AccessDeniedException',
            'forbidden',
          );
    default:
      return gatewayError(500, null, 'AuthorizerConfigurationException', 'authorizer-error');
  }
}

const answerReply = (answer: HttpAnswer, outcome: string): Reply => ({
  status: answer.status,
  body: answer.body,
  headers: answer.headers as Record<string, string[]>,
  outcome,
});

/** Creates the gateway's HTTP server (not listening yet). */
export function createGateway(options: GatewayOptions): Gateway {
  const routes = options.routes ?? ROUTES;
  const api = options.api ?? LOCAL_API;
  const now = options.now ?? Date.now;
  const fn = (name: string) => options.functionNames?.[name] ?? name;
  const serviceUri = parseIntegrationUri(`${options.serviceUrl.replace(/\/$/, '')}/{proxy}`);
  const authorizerCache = createAuthorizerCache({ ttlSeconds: options.authorizerCacheTtlSeconds, now });
  const authorize = createAuthorizerStep({
    functionName: fn('authorizer'),
    invoke: options.invoke,
    cache: authorizerCache,
    identitySources: options.identitySources ?? AUTHORIZER_IDENTITY_SOURCES,
  });

  async function invokeLambda(name: string, event: unknown): Promise<Reply> {
    try {
      const outcome = await options.invoke(fn(name), event);
      if (outcome.kind === 'function-error')
        return gatewayError(502, 'Internal server error', 'InternalServerErrorException', 'lambda-error');
      return answerReply(readProxyResult(outcome.payload), 'lambda');
    } catch {
      return gatewayError(502, 'Internal server error', 'InternalServerErrorException', 'lambda-error');
    }
  }

  async function route(req: GatewayRequest, origin: string | undefined): Promise<Reply> {
    const cors = corsHeaders(options.corsOrigins, origin);
    if (req.method === 'OPTIONS' && options.corsOrigins.length > 0) {
      return {
        status: 204,
        body: Buffer.alloc(0),
        headers: preflightHeaders(options.corsOrigins, origin),
        outcome: 'preflight',
      };
    }
    const match = matchRoute(routes, req.method, req.path);
    if (match.kind === 'no-route') {
      return gatewayError(
        403,
        'Missing Authentication Token',
        'MissingAuthenticationTokenException',
        'no-route',
      );
    }
    const { route: hit, pathParameters } = match;
    if (hit.auth === 'public') {
      if ('lambda' in hit.target)
        return invokeLambda(hit.target.lambda, proxyEvent(api, req, hit.path, pathParameters));
      return gatewayError(
        500,
        'Internal server error',
        'InternalServerErrorException',
        'public-service-route',
      );
    }
    const event = authorizerEvent(api, req, hit.path, pathParameters);
    const decision = await authorize({
      request: req,
      event,
      methodArn: methodArn(api, req.method, req.path),
    });
    const authorizer = authorizerUse(decision);
    if (decision.kind !== 'allow') {
      const reply = authorizerReply(decision);
      return { ...reply, headers: { ...reply.headers, ...cors }, authorizer };
    }
    const context = decision.result.context;
    if ('lambda' in hit.target) {
      const lambdaEvent = proxyEvent(api, req, hit.path, pathParameters);
      const authorizerContext = { ...context, principalId: decision.result.principalId };
      const reply = await invokeLambda(hit.target.lambda, {
        ...lambdaEvent,
        requestContext: { ...lambdaEvent.requestContext, authorizer: authorizerContext },
      });
      return { ...reply, authorizer };
    }
    try {
      const extra: Record<string, string> = {
        'x-forwarded-for': req.sourceIp,
        'x-amzn-requestid': req.requestId,
      };
      if (options.gatewaySecret !== undefined) extra[GATEWAY_SECRET_HEADER] = options.gatewaySecret;
      const answer = await forward({
        uri: serviceUri,
        method: req.method,
        pathAndQuery: integrationPath(serviceUri, pathParameters, req.rawQuery),
        headers: serviceHeaders(req.rawHeaders, context, extra),
        body: req.body,
        timeoutMs: options.integrationTimeoutMs ?? 29_000,
      });
      return { ...answerReply(answer, 'proxied'), headers: { ...answer.headers, ...cors }, authorizer };
    } catch (error) {
      if (error instanceof TenantContextError) {
        return {
          ...gatewayError(500, null, 'AuthorizerConfigurationException', 'incomplete-tenant-context'),
          authorizer,
        };
      }
      const status = error instanceof IntegrationError ? error.status : 502;
      const message = status === 504 ? 'Endpoint request timed out' : 'Internal server error';
      return {
        ...gatewayError(status, message, 'IntegrationFailure', `integration-${status}`),
        headers: cors,
        authorizer,
      };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = now();
    const requestId = randomUUID();
    const [path = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const host = requestHost(req);
    const method = (req.method ?? 'GET').toUpperCase();
    let reply: Reply;
    if (host === undefined || !path.startsWith('/')) {
      reply = gatewayError(400, 'Bad Request', 'BadRequestException', 'bad-request');
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
            ? gatewayError(413, 'Request Too Long', 'RequestTooLongException', 'too-large')
            : gatewayError(500, 'Internal server error', 'InternalServerErrorException', 'gateway-error');
      }
    }
    const headers = { ...reply.headers, 'x-amzn-requestid': requestId };
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
