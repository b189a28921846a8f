/**
 * CORS at the gateway, for exact origins only (never `*`, never credentials): preflights
 * on every path are answered by the gateway (a mock integration in API Gateway), and the
 * proxied answers and the gateway's own error answers carry the allow-origin header. The
 * public Lambdas set their own CORS headers from their configuration.
 */
import { headerValues } from './proxy-event';

export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The single `Origin` of a request, when it sent exactly one. */
export function requestOrigin(rawHeaders: readonly string[]): string | undefined {
  const values = headerValues(rawHeaders, 'origin');
  return values.length === 1 ? values[0] : undefined;
}

/** Headers for an answer to `origin`: allow-origin only for a listed origin; Vary always. */
export function corsHeaders(allowed: readonly string[], origin: string | undefined): Record<string, string> {
  if (allowed.length === 0) return {};
  const headers: Record<string, string> = { vary: 'Origin' };
  if (origin !== undefined && allowed.includes(origin)) headers['access-control-allow-origin'] = origin;
  return headers;
}

/** Headers of a preflight answer. */
export function preflightHeaders(
  allowed: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  const headers = corsHeaders(allowed, origin);
  if (headers['access-control-allow-origin'] === undefined) return headers;
  return {
    ...headers,
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
