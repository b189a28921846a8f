/**
 * The page: discovery, sign-in, the signed-in view. The rules are in discovery.ts,
 * api.ts, messages.ts and session.ts; this file reads forms and shows results. Text is set
 * with `textContent`, never as markup, so nothing an API returns can run.
 */
import type { User, UserManager } from 'oidc-client-ts';
import { callApi, petsOf, revokedBeforeOf } from './api';
import { type AppSettings, findsTenantByEmail, loadAppSettings } from './app-settings';
import {
  appOrigin,
  type DiscoveredTenant,
  DiscoveryError,
  discoverByEmail,
  discoverByHost,
} from './discovery';
import {
  belongsToAnotherTenant,
  forbidden,
  noTenantOnHost,
  sessionEnded,
  signedOutUntil,
  signsInElsewhere,
} from './messages';
import { completeSignIn, isCallback, type ShownUser, shownUser, signOutHere, startSignIn } from './session';
import './style.css';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`page is missing #${id}`);
  return element as T;
};
const show = (id: string, visible: boolean) => {
  $(id).hidden = !visible;
};
const say = (id: string, message: string) => {
  $(id).textContent = message;
  show(id, message !== '');
};

interface Session {
  readonly tenant: DiscoveredTenant;
  readonly user: User;
  readonly shown: ShownUser;
  readonly manager: UserManager;
}

const state: { settings: AppSettings; hostTenant?: DiscoveredTenant; session?: Session } = { settings: {} };

const fail = (error: unknown) =>
  say(
    'error',
    error instanceof DiscoveryError ? error.message : `Something went wrong: ${(error as Error).message}`,
  );

/** Back to sign-in (after a 401 or the user's own sign-out), with the reason. */
function toSignIn(reason: string): void {
  if (state.session !== undefined) void state.session.manager.removeUser();
  delete state.session;
  show('signed-in', false);
  show('discover', true);
  say('notice', reason);
  $('title').textContent = state.hostTenant ? `Sign in to ${state.hostTenant.displayName}` : 'Sign in';
}

async function onEmail(event: Event): Promise<void> {
  event.preventDefault();
  say('error', '');
  say('notice', '');
  const email = $<HTMLInputElement>('email').value.trim();
  const here = state.hostTenant;
  let tenant: DiscoveredTenant;
  if (here === undefined) {
    // Always asked again: an edited email finds its own tenant, never the previous one.
    tenant = await discoverByEmail(fetch, email);
    // The callback (and the PKCE state kept in this origin's storage) must be on this origin.
    if (appOrigin(tenant) !== location.origin) {
      say('error', signsInElsewhere(email, tenant));
      return;
    }
  } else {
    // On a tenant's host the host decides; the email only catches the wrong door.
    const theirs = await discoverByEmail(fetch, email).catch((error: unknown) => {
      if (error instanceof DiscoveryError && error.reason === 'unknown-domain') return undefined;
      throw error;
    });
    if (theirs !== undefined && theirs.tenantId !== here.tenantId) {
      say('error', belongsToAnotherTenant(email, theirs, here));
      return;
    }
    tenant = here;
  }
  $('found').textContent = `${tenant.displayName}: signing in through ${tenant.identityProvider} ...`;
  show('found', true);
  await startSignIn(tenant, email);
}

async function loadPets(): Promise<void> {
  const session = state.session;
  if (session === undefined) return;
  say('error', '');
  const result = await callApi(fetch, session.user.access_token, 'GET', '/pets');
  if (result.kind === 'unauthorized') return toSignIn(sessionEnded(result.message));
  if (result.kind === 'forbidden')
    return say('error', forbidden('reading pets', session.shown.groups, result.message));
  if (result.kind === 'failed') return say('error', result.message);
  const pets = petsOf(result.body);
  const list = $<HTMLUListElement>('pets');
  list.replaceChildren(
    ...pets.map((pet) => {
      const item = document.createElement('li');
      item.textContent = pet.name;
      return item;
    }),
  );
  if (pets.length === 0) {
    const item = document.createElement('li');
    item.textContent = '(no pets yet)';
    list.append(item);
  }
  document.body.dataset.pets = String(pets.length);
}

async function onAddPet(event: Event): Promise<void> {
  event.preventDefault();
  say('error', '');
  const session = state.session;
  if (session === undefined) return;
  const input = $<HTMLInputElement>('pet-name');
  const result = await callApi(fetch, session.user.access_token, 'POST', '/pets', {
    name: input.value.trim(),
  });
  if (result.kind === 'unauthorized') return toSignIn(sessionEnded(result.message));
  if (result.kind === 'forbidden') {
    return say('pet-result', forbidden('adding pets', session.shown.groups, result.message));
  }
  if (result.kind === 'failed') return say('pet-result', result.message);
  say('pet-result', `Added ${input.value.trim()}.`);
  input.value = '';
  await loadPets();
}

async function onSignOutUser(event: Event): Promise<void> {
  event.preventDefault();
  say('error', '');
  const session = state.session;
  if (session === undefined) return;
  const sub = $<HTMLInputElement>('sign-out-sub').value.trim();
  const path = `/admin/users/${encodeURIComponent(sub)}/sign-out`;
  const result = await callApi(fetch, session.user.access_token, 'POST', path);
  if (result.kind === 'unauthorized') return toSignIn(sessionEnded(result.message));
  if (result.kind === 'forbidden') {
    return say('sign-out-result', forbidden('signing users out', session.shown.groups, result.message));
  }
  if (result.kind === 'failed') return say('sign-out-result', result.message);
  const revokedBefore = revokedBeforeOf(result.body) ?? Math.floor(Date.now() / 1000);
  say('sign-out-result', signedOutUntil(sub, revokedBefore, state.settings.signOutBoundSeconds));
}

function showSession(session: Session): void {
  state.session = session;
  $('title').textContent = session.tenant.displayName;
  $('tenant').textContent = `${session.tenant.displayName} (${session.tenant.tenantId})`;
  $('user').textContent = session.shown.name;
  $('sub').textContent = session.shown.sub;
  $('groups').textContent = session.shown.groups.join(', ') || '(none)';
  show('discover', false);
  show('signed-in', true);
}

async function start(): Promise<void> {
  const host = location.hostname;
  $('host').textContent = location.host;
  $('email-form').addEventListener('submit', (e) => void onEmail(e).catch(fail));
  $('pet-form').addEventListener('submit', (e) => void onAddPet(e).catch(fail));
  $('sign-out-user-form').addEventListener('submit', (e) => void onSignOutUser(e).catch(fail));
  $('refresh-pets').addEventListener('click', () => void loadPets().catch(fail));
  $('sign-out').addEventListener('click', () => {
    const session = state.session;
    if (session !== undefined) void signOutHere(session.manager, session.tenant).catch(fail);
  });
  // Editing the email forgets what the last one found (the shared host finds per email).
  $('email').addEventListener('input', () => show('found', false));

  state.settings = await loadAppSettings(fetch);
  if (isCallback(location)) {
    try {
      const done = await completeSignIn();
      history.replaceState(null, '', '/');
      showSession({ ...done, shown: shownUser(done.user) });
      await loadPets();
    } catch (error) {
      history.replaceState(null, '', '/');
      show('discover', true);
      say('error', `Sign-in did not complete: ${(error as Error).message}`);
    }
    return;
  }
  const hostTenant = await discoverByHost(fetch);
  if (hostTenant !== undefined) {
    state.hostTenant = hostTenant;
    $('host-tenant').textContent = `(${hostTenant.displayName}'s host: found by GET /config)`;
    $('title').textContent = `Sign in to ${hostTenant.displayName}`;
  } else if (!findsTenantByEmail(state.settings, host)) {
    say('error', noTenantOnHost(host, state.settings.emailDiscoveryHosts));
    return;
  } else {
    $('host-tenant').textContent = '(any tenant: found by your email domain)';
  }
  show('discover', true);
}

void start()
  .catch(fail)
  .finally(() => {
    document.body.dataset.ready = 'true';
  });
