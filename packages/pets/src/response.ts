/**
 * Preflight headers. Responses and CORS come from the kit (`respond`, `corsHeaders`); API
 * Gateway answers preflights for the configured origins, and this function also answers
 * `OPTIONS` itself (the local stack and a copy without the gateway's preflight need it).
 */
export type { ProxyResponse } from '@cognito-tenancy/kit/http-response';

/** Added to a preflight answer for a listed origin. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};
