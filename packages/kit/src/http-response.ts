/** JSON responses in the REST API (v1) proxy shape. */

/** What API Gateway (REST v1 proxy) accepts from the function. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

// Answers are about one tenant or user: no shared cache may keep them, no sniffing.
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * A response with the common headers; `body` is already JSON text, or empty (a 204: no
 * content type to declare, still never cached).
 */
export function respond(
  statusCode: number,
  body: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): ProxyResponse {
  const base = body === '' ? { 'cache-control': BASE_HEADERS['cache-control'] } : BASE_HEADERS;
  return { statusCode, headers: { ...base, ...extraHeaders }, body, isBase64Encoded: false };
}

/** {@link respond} with `value` serialised. */
export const respondJson = (
  statusCode: number,
  value: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): ProxyResponse => respond(statusCode, JSON.stringify(value), extraHeaders);
