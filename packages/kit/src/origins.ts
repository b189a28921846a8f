/**
 * The one parser of allowed browser origins (`CORS_ALLOWED_ORIGINS`): an origin is
 * `scheme://host[:port]` and nothing else. `*` and `null` are refused on purpose (every
 * answer of these functions is about one tenant or user), plain http only for loopback
 * names (the local stack), and the host must be an LDH name (punycode for IDNs). Case and
 * a trailing slash are normalised, so the list compares exactly with a browser's `Origin`.
 */
import { type ListSpec, list } from './env-spec';

// Plain http is only acceptable for a browser talking to its own machine (the local stack).
const LOOPBACK = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.localhost|127\.0\.0\.1|\[::1\])$/;
// LDH names and IPv6 loopback; the URL parser alone lets `*` through.
const HOSTNAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[::1\])$/;

/** Checks one list entry; the normalised origin (lowercase, no trailing slash) or the problem. */
export function originItem(value: string): { readonly value: string } | { readonly problem: string } {
  if (value === '*' || value === 'null') return { problem: `'${value}' is not allowed; list exact origins` };
  const wanted = value.toLowerCase().replace(/\/$/, '');
  let url: URL | undefined;
  try {
    url = new URL(wanted);
  } catch {
    url = undefined;
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!url || !secure || !HOSTNAME.test(url.hostname) || url.origin !== wanted) {
    return {
      problem: `'${value.slice(0, 100)}' is not an origin (https://host[:port], no path; http only for localhost)`,
    };
  }
  return { value: url.origin };
}

/** The spec of `CORS_ALLOWED_ORIGINS`, shared by every browser-facing Lambda. */
export const corsAllowedOrigins = (description: string): ListSpec => list({ description, item: originItem });
