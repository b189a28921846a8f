/**
 * Response shapes: common headers, CORS from an explicit origin list, the 200 body.
 * The route is a POST with an `Authorization` header, so browsers preflight it; API
 * Gateway answers the preflight, this function sets CORS on its own answers.
 */

/** What API Gateway (REST v1 proxy) accepts from the function. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

/** The 200 body. */
export interface SignedOutBody {
  readonly sub: string;
  /** Epoch seconds: this user's tokens issued before it are refused. */
  readonly revokedBefore: number;
}

// Answers are about one user and one admin action: no shared cache may keep them.
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
