/** CORS from an explicit origin list (see `origins.ts` for how the list is read). */

/**
 * CORS headers for a request from `origin`: echoed only when on the list (exact match);
 * `Vary: Origin` whenever CORS is configured at all, so no cache mixes answers.
 */
export function corsHeaders(allowed: readonly string[], origin: string | undefined): Record<string, string> {
  if (allowed.length === 0) return {};
  if (origin === undefined || !allowed.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** True when {@link corsHeaders} allowed the origin. */
export const corsAllowed = (headers: Readonly<Record<string, string>>): boolean =>
  'access-control-allow-origin' in headers;
