/**
 * CORS from an explicit list of origins (parsed by the kit's `originItem`). The answer never
 * carries `*` and never allows credentials: `/config` is public data read with a plain
 * `fetch`, so cookies are not needed.
 */
import { corsHeaders } from '@cognito-tenancy/kit/cors';

export { corsHeaders };

/** Extra headers of a preflight (OPTIONS) answer for an allowed origin. */
export function preflightHeaders(
  allowed: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  const headers = corsHeaders(allowed, origin);
  if (headers['access-control-allow-origin'] === undefined) return headers;
  return { ...headers, 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-max-age': '600' };
}
