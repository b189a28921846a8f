/// <reference lib="dom" />
/**
 * The sign-in page's script (bundled by the web server with esbuild). Every step is in
 * flow.ts; this file only reads the form and shows results. Text is set with
 * `textContent`, never `innerHTML`, so nothing an API returns can run as markup.
 */
import {
  callApi,
  type Discovery,
  decodeClaims,
  discoverByEmail,
  discoverByHost,
  FlowError,
  federatedUsername,
  signIn,
  type Tokens,
} from './flow';

interface RuntimeConfig {
  readonly apiPort: number;
  /** Which token the page sends to the API (the authorizer accepts access tokens by default). */
  readonly apiToken: 'access' | 'id';
}

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`page is missing #${id}`);
  return element as T;
};

const state: { config?: RuntimeConfig; discovery?: Discovery; tokens?: Tokens } = {};
const apiBase = () => `${location.protocol}//${location.hostname}:${state.config?.apiPort ?? 4000}`;
const show = (id: string, visible: boolean) => {
  $(id).hidden = !visible;
};

function setError(message: string): void {
  $('error').textContent = message;
  show('error', message !== '');
}

function describeError(error: unknown): string {
  if (error instanceof FlowError) return error.message;
  return `Something went wrong: ${(error as Error).message}`;
}

function showTenant(found: Discovery): void {
  const how = found.source === 'host' ? `this host (GET /config)` : `your email domain (POST /tenant-match)`;
  $('found-tenant').textContent = found.displayName ?? found.tenantId;
  $('found-how').textContent = how;
  $('found-idp').textContent = found.identityProvider;
  show('password-step', true);
  $<HTMLInputElement>('password').focus();
}

async function loadItems(): Promise<void> {
  const tokens = state.tokens;
  if (tokens === undefined) return;
  const token = state.config?.apiToken === 'id' ? tokens.idToken : tokens.accessToken;
  const { status, body } = await callApi(fetch, apiBase(), token, '/items');
  if (status !== 200)
    throw new FlowError(`GET /items answered ${status}: ${String(body.message ?? '')}`, status);
  const user = (body.user ?? {}) as { username?: string; groups?: unknown };
  $('tenant').textContent = String(body.tenantId);
  $('username').textContent = String(user.username ?? '');
  $('groups').textContent = Array.isArray(user.groups) ? user.groups.join(', ') || '(none)' : '(none)';
  $('admin').textContent = body.isAdmin === true ? 'yes' : 'no';
  const list = $<HTMLUListElement>('items');
  list.replaceChildren(
    ...(Array.isArray(body.items) ? body.items : []).map((item: { text?: unknown; createdBy?: unknown }) => {
      const li = document.createElement('li');
      li.textContent = `${String(item.text)} (by ${String(item.createdBy)})`;
      return li;
    }),
  );
  const claims = decodeClaims(tokens.idToken);
  $('sub').textContent = String(claims.sub ?? '');
  $('claims').textContent = JSON.stringify(
    {
      iss: claims.iss,
      'custom:tenantName': claims['custom:tenantName'],
      'custom:domainName': claims['custom:domainName'],
      'cognito:groups': claims['cognito:groups'],
      identities: claims.identities,
    },
    null,
    2,
  );
  show('result', true);
}

async function onEmail(event: Event): Promise<void> {
  event.preventDefault();
  setError('');
  const email = $<HTMLInputElement>('email').value;
  try {
    // On a tenant host the tenant is already known; elsewhere the email domain decides.
    state.discovery =
      state.discovery?.source === 'host' ? state.discovery : await discoverByEmail(fetch, apiBase(), email);
    showTenant(state.discovery);
  } catch (error) {
    setError(describeError(error));
  }
}

async function onPassword(event: Event): Promise<void> {
  event.preventDefault();
  setError('');
  const found = state.discovery;
  if (found === undefined) return;
  const email = $<HTMLInputElement>('email').value;
  const password = $<HTMLInputElement>('password').value;
  try {
    state.tokens = await signIn(
      fetch,
      found.cognitoDomain,
      found.clientId,
      federatedUsername(found.identityProvider, email),
      password,
    );
    show('sign-in', false);
    await loadItems();
  } catch (error) {
    setError(describeError(error));
  }
}

async function onAddItem(event: Event): Promise<void> {
  event.preventDefault();
  setError('');
  const tokens = state.tokens;
  if (tokens === undefined) return;
  const token = state.config?.apiToken === 'id' ? tokens.idToken : tokens.accessToken;
  const input = $<HTMLInputElement>('new-item');
  const { status, body } = await callApi(fetch, apiBase(), token, '/items', {
    method: 'POST',
    body: { text: input.value },
  });
  if (status === 201) {
    input.value = '';
    await loadItems();
  } else {
    setError(`POST /items answered ${status}: ${String(body.message ?? '')}`);
  }
}

/** An admin cuts a user of their tenant off (the sign-out Lambda behind the authorizer). */
async function onForceSignOut(event: Event): Promise<void> {
  event.preventDefault();
  setError('');
  const tokens = state.tokens;
  if (tokens === undefined) return;
  const token = state.config?.apiToken === 'id' ? tokens.idToken : tokens.accessToken;
  const sub = $<HTMLInputElement>('force-sign-out-sub').value.trim();
  const { status, body } = await callApi(
    fetch,
    apiBase(),
    token,
    `/admin/users/${encodeURIComponent(sub)}/sign-out`,
    { method: 'POST' },
  );
  const result = $('force-sign-out-result');
  result.textContent =
    status === 200
      ? `Signed out: tokens of ${sub} issued before ${new Date(Number(body.revokedBefore) * 1000).toISOString()} are refused.`
      : `POST /admin/users/.../sign-out answered ${status}: ${String(body.message ?? '')}`;
  show('force-sign-out-result', true);
}

function signOut(): void {
  delete state.tokens;
  show('result', false);
  show('sign-in', true);
  $<HTMLInputElement>('password').value = '';
}

async function start(): Promise<void> {
  state.config = (await (await fetch('/local-stack.json')).json()) as RuntimeConfig;
  $('host').textContent = location.host;
  $('email-form').addEventListener('submit', (e) => void onEmail(e));
  $('password-form').addEventListener('submit', (e) => void onPassword(e));
  $('add-form').addEventListener(
    'submit',
    (e) => void onAddItem(e).catch((error) => setError(describeError(error))),
  );
  $('force-sign-out-form').addEventListener(
    'submit',
    (e) => void onForceSignOut(e).catch((error) => setError(describeError(error))),
  );
  $('sign-out').addEventListener('click', signOut);
  try {
    const byHost = await discoverByHost(fetch, apiBase());
    if (byHost !== undefined) {
      state.discovery = byHost;
      $('host-tenant').textContent =
        `This is ${byHost.tenantId}'s host: the tenant was found by GET /config.`;
    }
  } catch (error) {
    setError(describeError(error));
  }
  document.body.dataset.ready = 'true';
}

void start();
