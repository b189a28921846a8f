import { hostParameterName } from '@cognito-tenancy/registry/keys';
import { normalizeHost } from '@cognito-tenancy/registry/normalize';
import { InvalidHostError, PlatformHostError } from './errors';

/**
 * Domains that AWS owns and serves by default (the `execute-api` host, Lambda function
 * URLs, CloudFront distributions). A request on one of them did not come through a
 * tenant's custom domain, so it is never a tenant, whatever the registry holds.
 */
const PLATFORM_DOMAINS: readonly string[] = ['amazonaws.com', 'amazonaws.com.cn', 'on.aws', 'cloudfront.net'];

/** A CloudFront distribution's own name: `d` + its id (lower-cased by normalisation). */
const DISTRIBUTION_HOST = /^d[a-z0-9]{1,32}\.cloudfront\.net$/;

/** True for `abc123.execute-api.eu-west-1.amazonaws.com` and the like. */
export function isPlatformHost(host: string): boolean {
  return PLATFORM_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** A host that passed every check, and the parameter that holds its sign-in config. */
export interface TenantHost {
  readonly host: string;
  readonly parameterName: string;
}

/**
 * Normalises and validates the raw host (pure, before any I/O). Throws
 * {@link InvalidHostError} (400) or {@link PlatformHostError} (404, like any non-tenant).
 */
export function tenantHost(raw: unknown, prefix: string, allowDistributionHosts = false): TenantHost {
  const normalized = normalizeHost(raw);
  if (!normalized.ok) throw new InvalidHostError(normalized.reason);
  const host = normalized.value;
  // A distribution's own name is looked up only when configured: the registry decides, and an
  // unregistered one is as unknown as any other host. Every other platform host never is a tenant.
  const distribution = allowDistributionHosts && DISTRIBUTION_HOST.test(host);
  if (isPlatformHost(host) && !distribution) throw new PlatformHostError(host);
  let parameterName: string;
  try {
    // The key builder re-validates: a host it refuses is never pasted into a path.
    parameterName = hostParameterName(prefix, host);
  } catch {
    throw new InvalidHostError('unusable-key');
  }
  return { host, parameterName };
}
