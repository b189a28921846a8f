/**
 * Entity IDs compared as an attacker would vary them: a copy of another tenant's metadata
 * with `entityID` changed by a trailing `/`, letter case, `http` for `https` or an explicit
 * default port names the same IdP to a person, so it must collide here too.
 */

/** The comparison key of an entity ID (not a value to send anywhere). */
export function entityIdKey(entityId: string): string {
  const trimmed = entityId.trim().normalize('NFC');
  let key = trimmed;
  if (/^https?:\/\//i.test(trimmed) && URL.canParse(trimmed)) {
    const url = new URL(trimmed);
    // host drops a default port and is lowercased by URL; the scheme is left out on purpose.
    key = `${url.host}${url.pathname}${url.search}`;
  }
  return key.toLowerCase().replace(/\/+$/, '');
}
