/**
 * Every sentence the page shows about a failure, in one place and free of the DOM, so
 * each can be tested: the reason and what to do next, never a raw status alone.
 */
import { appOrigin, type DiscoveredTenant } from './discovery';

/** A mistyped (or retired) tenant host: `GET /config` knows no tenant here. */
export function noTenantOnHost(host: string, emailHosts: readonly string[] | undefined): string {
  const where = emailHosts?.[0];
  return (
    `No tenant is served on ${host}. Check the address for a typo` +
    (where === undefined ? '.' : `, or find your organisation by email at ${where}.`)
  );
}

/** The typed email belongs to another tenant than the one this host serves. */
export function belongsToAnotherTenant(
  email: string,
  theirs: DiscoveredTenant,
  here: DiscoveredTenant,
): string {
  return (
    `${email.trim()} belongs to another tenant (${theirs.displayName}), not ${here.displayName}. ` +
    `Sign in at ${appOrigin(theirs)} instead.`
  );
}

/**
 * The email's tenant signs in on another host (a dedicated tenant found from the shared
 * host): the sign-in must start there, where its callback lands and its state is kept.
 */
export function signsInElsewhere(email: string, theirs: DiscoveredTenant): string {
  return `${email.trim()} signs in to ${theirs.displayName} at ${appOrigin(theirs)}. Go there to sign in.`;
}

/** A 401 from the API: the session is over; the page returns to sign-in with this. */
export function sessionEnded(apiMessage: string | undefined): string {
  return (
    'You were signed out: the API refused your token (401' +
    (apiMessage ? `: ${apiMessage}` : '') +
    '). An administrator may have signed you out, or the token expired. Sign in again.'
  );
}

/** A 403 from the API, explained for the action the user tried. */
export function forbidden(action: string, groups: readonly string[], apiMessage: string | undefined): string {
  const yours = groups.length === 0 ? 'you are in no group' : `your groups: ${groups.join(', ')}`;
  return (
    `Not allowed (403): ${action} is for your tenant's administrators (${yours}).` +
    (apiMessage ? ` The API said: ${apiMessage}` : '')
  );
}

const clock = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * After a forced sign-out: when the user's tokens stop working. The cut-off is immediate
 * in the revocations table, but API Gateway may answer from a cached allow and the
 * authorizer from a cached "not revoked" until both caches expire: the documented bound.
 */
export function signedOutUntil(sub: string, revokedBefore: number, boundSeconds: number | undefined): string {
  const cut = `Signed out ${sub}: tokens issued before ${clock(revokedBefore)} are cut off`;
  if (boundSeconds === undefined) {
    return `${cut}; they are refused once the authorizer's caches expire (result cache TTL + revocation cache TTL).`;
  }
  return (
    `${cut} and refused by ${clock(revokedBefore + boundSeconds)} at the latest ` +
    `(up to ${boundSeconds} s: the authorizer's result cache plus its revocation cache). ` +
    'Until then a call that hits a cached answer may still pass.'
  );
}
