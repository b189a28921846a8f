/**
 * CORS from an explicit list of origins. The answer never carries `*` and never allows
 * credentials: `/config` is public data read with a plain `fetch`, so cookies are not needed.
 */

export type ParsedOrigins =
  | { readonly ok: true; readonly origins: readonly string[] }
  | { readonly ok: false; readonly problem: string };

// Plain http is only acceptable for a browser talking to its own machine (the local stack).
const LOOPBACK = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.localhost|127\.0\.0\.1|\[::1\])$/;
// LDH names (punycode for IDNs) and IPv6 loopback; the URL parser alone lets `*` through.
const HOSTNAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[::1\])$/;

function parseOrigin(entry: string): string | undefined {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return undefined;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  // Only a bare origin, written exactly as a browser sends it in the Origin header.
  if (!secure || !HOSTNAME.test(url.hostname) || url.origin !== entry) return undefined;
  return url.origin;
}

/** Parses a comma-separated list of origins (`https://app.example.com,https://admin.example.com`). */
export function parseAllowedOrigins(raw: string): ParsedOrigins {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const origins: string[] = [];
  for (const entry of entries) {
    if (entry === '*' || entry === 'null') {
      return { ok: false, problem: `'${entry}' is not allowed; list exact origins` };
    }
    const origin = parseOrigin(entry);
    if (origin === undefined) {
      return {
        ok: false,
        problem: `'${entry.slice(0, 100)}' is not an origin (https://host[:port], lowercase, no path; http only for localhost)`,
      };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return { ok: true, origins };
}

/** Headers for a response to a request that carried `origin` (undefined when absent or ambiguous). */
export function corsHeaders(allowed: readonly string[], origin: string | undefined): Record<string, string> {
  if (allowed.length === 0) return {};
  // Vary on every answer, allowed or not, so no cache hands one origin's answer to another.
  const headers: Record<string, string> = { vary: 'Origin' };
  if (origin !== undefined && allowed.includes(origin)) headers['access-control-allow-origin'] = origin;
  return headers;
}

/** Extra headers of a preflight (OPTIONS) answer for an allowed origin. */
export function preflightHeaders(
  allowed: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  const headers = corsHeaders(allowed, origin);
  if (headers['access-control-allow-origin'] === undefined) return headers;
  return { ...headers, 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-max-age': '600' };
}
