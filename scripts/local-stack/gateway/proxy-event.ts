/**
 * The events the local gateway hands to Lambdas, shaped like API Gateway REST API (v1)
 * events: the proxy integration event for `/config` and `/tenant-match`, and the REQUEST
 * authorizer event for `/{proxy+}`. `requestContext.domainName` is the host the request
 * arrived on without its port, which is what a custom domain gives the real functions.
 */

/** A request as the gateway received it. */
export interface GatewayRequest {
  readonly method: string;
  /** Path without the query string, as sent (not decoded). */
  readonly path: string;
  /** Query string without `?`, as sent. */
  readonly rawQuery: string;
  /** Node's `rawHeaders`: name, value, name, value, ... with the client's casing. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** Lower-case host without the port. */
  readonly domainName: string;
  readonly requestId: string;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
}

/** Where the gateway pretends to be deployed; used for the method ARN and request context. */
export interface ApiIdentity {
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
}

type MultiMap = Record<string, string[]>;

function headerMaps(rawHeaders: readonly string[]) {
  // No prototype: client-chosen names such as `__proto__` or `constructor` stay plain keys.
  const multiValueHeaders: MultiMap = Object.create(null);
  const headers: Record<string, string> = Object.create(null);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    // API Gateway keeps the first casing seen and, in `headers`, the last value.
    const existing = Object.keys(multiValueHeaders).find((k) => k.toLowerCase() === name.toLowerCase());
    const key = existing ?? name;
    multiValueHeaders[key] = [...(multiValueHeaders[key] ?? []), value];
    headers[key] = value;
  }
  return { headers, multiValueHeaders };
}

function queryMaps(rawQuery: string) {
  if (rawQuery === '') return { queryStringParameters: null, multiValueQueryStringParameters: null };
  const multi: MultiMap = Object.create(null);
  const single: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    multi[name] = [...(multi[name] ?? []), value];
    single[name] = value;
  }
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path without leading slash>`. */
export function methodArn(api: ApiIdentity, method: string, path: string): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${method.toUpperCase()}/${path.replace(/^\/+/, '')}`;
}

function requestContext(api: ApiIdentity, req: GatewayRequest, resourcePath: string) {
  const [domainPrefix = req.domainName] = req.domainName.split('.');
  const userAgent = headerMaps(req.rawHeaders).headers['User-Agent'] ?? null;
  return {
    accountId: api.accountId,
    apiId: api.apiId,
    stage: api.stage,
    resourceId: 'local',
    resourcePath,
    httpMethod: req.method,
    path: `/${api.stage}${req.path}`,
    protocol: 'HTTP/1.1',
    requestId: req.requestId,
    requestTimeEpoch: req.receivedAt,
    domainName: req.domainName,
    domainPrefix,
    identity: { sourceIp: req.sourceIp, userAgent },
  };
}

/** The Lambda proxy integration event (REST API, payload v1) for a public route. */
export function proxyEvent(
  api: ApiIdentity,
  req: GatewayRequest,
  resource: string,
  pathParameters: Readonly<Record<string, string>>,
) {
  return {
    resource,
    path: req.path,
    httpMethod: req.method,
    ...headerMaps(req.rawHeaders),
    ...queryMaps(req.rawQuery),
    pathParameters: Object.keys(pathParameters).length > 0 ? { ...pathParameters } : null,
    stageVariables: null,
    requestContext: requestContext(api, req, resource),
    body: req.body.length > 0 ? req.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

/** The REQUEST authorizer event for a call to a protected route. */
export function authorizerEvent(
  api: ApiIdentity,
  req: GatewayRequest,
  resource: string,
  pathParameters: Readonly<Record<string, string>>,
) {
  return {
    type: 'REQUEST',
    methodArn: methodArn(api, req.method, req.path),
    resource,
    path: req.path,
    httpMethod: req.method,
    ...headerMaps(req.rawHeaders),
    ...queryMaps(req.rawQuery),
    pathParameters: { ...pathParameters },
    stageVariables: {},
    requestContext: requestContext(api, req, resource),
  };
}

/** Case-insensitive header lookup over raw headers: every value sent under `name`. */
export function headerValues(rawHeaders: readonly string[], name: string): string[] {
  const values: string[] = [];
  const want = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === want) values.push(rawHeaders[i + 1] as string);
  }
  return values;
}
