/**
 * The stage's access log line (JSON). It names the tenant and subject the authorizer
 * returned, never a token or an email, so incidents can be traced per tenant.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  domainName: '$context.domainName',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  authorizerStatus: '$context.authorizer.status',
  authorizerLatency: '$context.authorizer.latency',
  authorizerError: '$context.authorizer.error',
  tenantId: '$context.authorizer.tenantId',
  sub: '$context.authorizer.principalId',
  wafStatus: '$context.waf.status',
} as const;

export const ACCESS_LOG_FORMAT = JSON.stringify(ACCESS_LOG_FIELDS);
