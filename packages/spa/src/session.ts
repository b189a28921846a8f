/**
 * Sign-in with oidc-client-ts: the authorization code flow with PKCE (S256) against
 * Cognito's managed login, configured by the discovery answer's `oidc` as is.
 *
 * Storage: tokens live in memory only (`InMemoryWebStorage`): a reload or a new tab signs
 * in again. The redirect itself must survive a page load, so the library's request state
 * (`state`, the PKCE `code_verifier`) and the discovered tenant (public data, the same as
 * `GET /config` answers) sit in sessionStorage from the redirect until the callback, which
 * removes them. No token is ever written there.
 */
import { InMemoryWebStorage, type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { type DiscoveredTenant, parseDiscovery } from './discovery';

const PENDING_KEY = 'cognito-tenancy.pending-tenant';

/** A UserManager for one tenant; the settings object is passed through unchanged. */
export function createUserManager(tenant: DiscoveredTenant): UserManager {
  return new UserManager({
    ...tenant.oidc,
    extraQueryParams: { ...tenant.oidc.extraQueryParams },
    metadataSeed: { ...tenant.oidc.metadataSeed },
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage, prefix: 'cognito-tenancy.oidc.' }),
    // No refresh in the background: when the access token expires the API answers 401
    // and the page signs in again.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** Leaves for Cognito's managed login (then the tenant's IdP). */
export async function startSignIn(tenant: DiscoveredTenant, loginHint: string | undefined): Promise<void> {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(tenant));
  const extra = { ...tenant.oidc.extraQueryParams, ...(loginHint ? { login_hint: loginHint } : {}) };
  await createUserManager(tenant).signinRedirect({ extraQueryParams: extra });
}

/** True when this page load is the redirect back from managed login. */
export function isCallback(location: Location): boolean {
  return location.pathname === new URL('/callback', location.origin).pathname;
}

/** Finishes the code flow (code + `code_verifier` for tokens) and returns the tenant and user. */
export async function completeSignIn(): Promise<{
  tenant: DiscoveredTenant;
  user: User;
  manager: UserManager;
}> {
  const pending = sessionStorage.getItem(PENDING_KEY);
  if (pending === null)
    throw new Error('This sign-in was not started here (no pending tenant); start again.');
  sessionStorage.removeItem(PENDING_KEY);
  const saved = JSON.parse(pending) as DiscoveredTenant;
  const tenant = parseDiscovery(saved.source, saved);
  const manager = createUserManager(tenant);
  const user = await manager.signinRedirectCallback();
  return { tenant, user, manager };
}

/** The user's own sign-out: forget the tokens, then Cognito's `/logout` back to this origin. */
export async function signOutHere(manager: UserManager, tenant: DiscoveredTenant): Promise<void> {
  await manager.signoutRedirect({
    // Cognito's /logout takes client_id and logout_uri (not OIDC's post_logout_redirect_uri).
    extraQueryParams: { client_id: tenant.oidc.client_id, logout_uri: `${location.origin}/` },
  });
}

/** What the page shows of the user (decoded by the library for display; the API verifies). */
export interface ShownUser {
  readonly sub: string;
  readonly name: string;
  readonly groups: readonly string[];
}

export function shownUser(user: User): ShownUser {
  const profile = user.profile as Record<string, unknown>;
  const groups = profile['cognito:groups'];
  return {
    sub: String(profile.sub ?? ''),
    name: String(profile.email ?? profile['cognito:username'] ?? profile.sub ?? ''),
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
  };
}
