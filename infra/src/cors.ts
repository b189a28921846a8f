/**
 * CORS for the REST API. Preflights are answered by the gateway itself (MOCK integration),
 * so `OPTIONS` never reaches the authorizer; the allowed origin is echoed only when it is
 * on the environment's list, never `*`.
 */
import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';

/** Request headers a browser may send. The tenant context headers are not among them. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type'] as const;
/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;

/** Origins (scheme://host[:port]) from the configured URLs, de-duplicated, in file order. */
export function corsOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

function vtlString(value: string): string {
  // Origins are scheme://host[:port]: no quotes or VTL markers can reach the template.
  if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/.test(value)) throw new Error(`not an origin: ${value}`);
  return `"${value}"`;
}

/**
 * Integration response template of a preflight: sets `Access-Control-Allow-Origin` to the
 * request's `Origin` only when it is allowed (API Gateway header names keep the sender's case).
 */
export function preflightResponseTemplate(origins: readonly string[]): string {
  const condition = origins.map((origin) => `$origin == ${vtlString(origin)}`).join(' || ');
  return [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    `#if(${condition})`,
    '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
    '#end',
    '',
  ].join('\n');
}

/** Names of the headers the gateway sets for the service; clients can never choose them. */
export const TENANT_HEADERS: readonly string[] = Object.values(TENANT_CONTEXT);

/**
 * Gateway responses that carry CORS headers: together they cover every error the gateway
 * itself answers (401 from the authorizer, 403, 404 unknown route, 429 throttling, 5xx).
 */
export const GATEWAY_ERROR_RESPONSE_TYPES = ['DEFAULT_4XX', 'DEFAULT_5XX'] as const;

/**
 * Response parameters of those gateway responses. A gateway response cannot compare the
 * Origin with a list, so it echoes the request's Origin (no Origin: no header). That also lets
 * an unlisted site read the error of a request it sent itself: a generic body, no credentials
 * (no `Access-Control-Allow-Credentials`; tokens travel in a header no page can add for
 * another); its preflight is refused, so it never gets a token-bearing request through.
 */
export function gatewayErrorCorsParameters(): Record<string, string> {
  return {
    'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
    'gatewayresponse.header.Vary': "'Origin'",
  };
}
