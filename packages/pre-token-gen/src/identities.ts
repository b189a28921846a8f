/**
 * Reads the identity provider from Cognito's `identities` attribute: a JSON array of
 * `{ providerName, providerType, userId, ... }` that Cognito writes for federated users
 * and that no app client or trigger can change. It is the only trusted link between a
 * shared-pool user and the tenant's IdP.
 */
import { PROVIDER_NAME } from '@cognito-tenancy/registry/identifiers';
import { IdentityError } from './errors';

/** Longer than any real `identities` value (Cognito links at most a handful of identities). */
const MAX_IDENTITIES_LENGTH = 16_384;

/**
 * The one provider named in `raw`, or `undefined` for a user without identities (a native
 * user). Throws {@link IdentityError} when the value is malformed or names several providers.
 */
export function identityProvider(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (raw.length > MAX_IDENTITIES_LENGTH) throw new IdentityError('malformed-identities');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new IdentityError('malformed-identities');
  }
  if (!Array.isArray(parsed)) throw new IdentityError('malformed-identities');
  const names = new Set<string>();
  for (const entry of parsed) {
    const name =
      typeof entry === 'object' && entry !== null && Object.hasOwn(entry, 'providerName')
        ? (entry as { providerName: unknown }).providerName
        : undefined;
    if (typeof name !== 'string' || !PROVIDER_NAME.test(name))
      throw new IdentityError('malformed-identities');
    names.add(name);
  }
  if (names.size > 1) throw new IdentityError('multiple-identity-providers');
  return names.values().next().value;
}
