/**
 * The one parser of allowed browser origins (`CORS_ALLOWED_ORIGINS`): an origin is
 * `scheme://host[:port]` and nothing else; `*` is refused on purpose (every answer of these
 * functions is about one tenant or user).
 */
import { type ListSpec, list } from './env-spec';

/** Checks one list entry; the normalised origin (lowercase, no trailing slash) or the problem. */
export function originItem(value: string): { readonly value: string } | { readonly problem: string } {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.toLowerCase().replace(/\/$/, '')) {
    return { problem: `'${value}' is not an origin (https://host[:port])` };
  }
  return { value: url.origin };
}

/** The spec of `CORS_ALLOWED_ORIGINS`, shared by every browser-facing Lambda. */
export const corsAllowedOrigins = (description: string): ListSpec => list({ description, item: originItem });
