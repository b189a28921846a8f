/**
 * Response shapes: common headers and CORS from an explicit origin list. API Gateway
 * answers preflights for the configured origins; this function also answers `OPTIONS`
 * itself (the local stack and a copy without the gateway's preflight need it).
 */

/** What API Gateway (REST v1 proxy) accepts from the function. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

// Answers are one tenant's data: no shared cache may keep them.
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** Builds a response with the common headers. */
export function respond(
  statusCode: number,
  body: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): ProxyResponse {
  return { statusCode, headers: { ...BASE_HEADERS, ...extraHeaders }, body, isBase64Encoded: false };
}

/**
 * CORS headers for a request from `origin`: echoed only when on the configured list
 * (exact match); `Vary: Origin` whenever CORS is configured at all.
 */
export function corsHeaders(allowed: readonly string[], origin: string | undefined): Record<string, string> {
  if (allowed.length === 0) return {};
  if (origin === undefined || !allowed.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** Added to a preflight answer for a listed origin. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};
