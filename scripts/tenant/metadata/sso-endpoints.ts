/**
 * Review of the IdP's SingleSignOnService endpoints: Cognito needs one with the
 * HTTP-Redirect or HTTP-POST binding, over https. An http endpoint beside a usable https
 * one is only a warning: Cognito can use the https one.
 */
import type { Issue } from '../findings';
import { error, warning } from './metadata-names';

export interface Endpoint {
  readonly binding: string;
  readonly location: string;
}

/** The bindings Cognito can use to send the AuthnRequest. */
export const SUPPORTED_SSO_BINDINGS: readonly string[] = [
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
];

/** An absolute https URL; URL schemes are case-insensitive (`HTTPS://` is https). */
export function isHttpsUrl(location: string): boolean {
  // The regular expression first: WHATWG URL parsing would also accept `https:host/path`.
  if (!/^https:\/\//i.test(location) || !URL.canParse(location)) return false;
  const url = new URL(location);
  return url.protocol === 'https:' && url.hostname !== '';
}

/** `HTTP-Redirect` for the binding URN, as people say it. */
export const bindingName = (binding: string): string =>
  binding.startsWith('urn:oasis:names:tc:SAML:2.0:bindings:')
    ? binding.slice('urn:oasis:names:tc:SAML:2.0:bindings:'.length)
    : binding || '(no Binding)';

const describe = (s: Endpoint) =>
  `${bindingName(s.binding)} at ${s.location.slice(0, 80) || '(no Location)'}`;

/** One finding at most: all http endpoints are named together, each with its binding. */
export function reviewSingleSignOn(services: readonly Endpoint[]): Issue[] {
  const usable = services.filter((s) => SUPPORTED_SSO_BINDINGS.includes(s.binding));
  if (usable.length === 0) {
    const found = services.map((s) => bindingName(s.binding)).join(', ') || 'none';
    return [
      error(
        'metadata.no-supported-sso',
        `no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding (found: ${found})`,
        'enable SAML 2.0 HTTP-Redirect or HTTP-POST sign-on at the IdP and export the metadata again',
      ),
    ];
  }
  const secure = usable.filter((s) => isHttpsUrl(s.location));
  const insecure = usable.filter((s) => !isHttpsUrl(s.location));
  if (insecure.length === 0) return [];
  const named = insecure.map(describe).join('; ');
  if (secure.length === 0) {
    return [
      error(
        'metadata.insecure-sso',
        `no SingleSignOnService has an https:// Location (${named})`,
        'configure the IdP to publish its sign-on endpoint over HTTPS',
      ),
    ];
  }
  return [
    warning(
      'metadata.insecure-sso-ignored',
      `SingleSignOnService ${named} is not https://; only ${secure.map(describe).join('; ')} can be used`,
      'ask the IdP admin to publish only https:// sign-on endpoints',
    ),
  ];
}
