/**
 * The security headers of every response the distribution serves, and the
 * Content-Security-Policy that lets the SPA talk to exactly its own origin (the SPA, /config
 * and the API share the host) and Cognito: the regional user pool endpoint (OIDC discovery,
 * keys) and the hosted UI domains of the environment's pools (token and logout endpoints).
 */

/** CloudFront refuses a Content-Security-Policy longer than this in a response headers policy. */
export const MAX_CSP_LENGTH = 1783;

/** HSTS max-age: two years, the value preload lists ask for. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

export interface CspInputs {
  readonly region: string;
  /** Hosted UI domains (`<prefix>.auth.<region>.amazoncognito.com`) of the environment's pools. */
  readonly cognitoDomains: readonly string[];
  /**
   * Name no pool, allow any hosted UI domain of the region: the tenant-stacks layout, where the
   * platform stack does not know the dedicated tenants' pools (a tenant would change it).
   */
  readonly anyPoolOfRegion?: boolean;
}

function csp(connect: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy. With too many pools for CloudFront's limit, or `anyPoolOfRegion`, the hosted UI
 * domains become the region's `*.auth.<region>.amazoncognito.com` (still Cognito only, any
 * pool of the region).
 */
export function contentSecurityPolicy(inputs: CspInputs): string {
  const idp = `https://cognito-idp.${inputs.region}.amazonaws.com`;
  const anyPool = csp([idp, `https://*.auth.${inputs.region}.amazoncognito.com`]);
  if (inputs.anyPoolOfRegion === true) return anyPool;
  const domains = [...new Set(inputs.cognitoDomains)].sort().map((domain) => `https://${domain}`);
  const exact = csp([idp, ...domains]);
  return exact.length <= MAX_CSP_LENGTH ? exact : anyPool;
}

/** Browser caching per kind of response (the response headers policy overrides S3's). */
export const CACHE_CONTROL = {
  /** index.html and app-settings.json: always revalidated, so a deploy is seen at once. */
  document: 'no-cache',
  /** Content-hashed build output: a new build has new names. */
  asset: 'public, max-age=31536000, immutable',
} as const;
