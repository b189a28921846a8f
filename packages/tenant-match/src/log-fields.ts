/**
 * What the logs may say about a request. Never the email or the domain in clear: the
 * domain appears only as a short SHA-256 digest, so an operator can search for a known
 * domain (`printf %s acme.com | sha256sum | cut -c1-16`) without the logs listing the
 * domains people typed. It is a pseudonym, not anonymity: common domains can be guessed.
 */
import { createHash } from 'node:crypto';

/** First 16 hex characters (64 bits) of SHA-256 of the normalised domain. */
export function domainHash(domain: string): string {
  return createHash('sha256').update(domain, 'utf8').digest('hex').slice(0, 16);
}

/** The logger surface the handler uses (the kit's); Powertools' Logger satisfies it. */
export type { Log } from '@cognito-tenancy/kit/log';
