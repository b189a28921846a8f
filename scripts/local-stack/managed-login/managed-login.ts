/**
 * A local stand-in for Cognito's managed login (hosted UI), which cognito-local lacks, so
 * the SPA runs one code path locally and deployed. It serves, on its own origin
 * (`http://login.localhost:<web port>`):
 *
 * - `GET /<poolId>/.well-known/openid-configuration`: the discovery document oidc-client-ts
 *   reads (issuer and JWKS are cognito-local's; the endpoints below are this server's);
 * - `GET /oauth2/authorize`: checks the client, the redirect URI (exact match against the
 *   client's callback URLs: an unknown one is shown an error page, never redirected to),
 *   `response_type=code`, an S256 `code_challenge`, the scopes and the IdP
 *   (`identity_provider`, or `idp_identifier` by email domain), then redirects to the
 *   tenant's local SAML IdP with an AuthnRequest (when `saml` is given: `pnpm start`), or
 *   shows the password form that stands in for the IdP (tests that need the shortcut);
 * - `POST /saml2/idpresponse` (with `saml`): the ACS. The signed SAML Response is validated
 *   against the tenant's IdP metadata, the federated user created or updated in
 *   cognito-local (saml/local-federation.ts), and the browser redirected with a one-time
 *   code; a refused Response ends on an error page, with no cognito-local call;
 * - `/local-idp/<tenantId>/...` (with `saml`): the local IdPs themselves (saml/local-idp.ts);
 * - `POST /login` (without `saml` only): signs the user in to cognito-local
 *   (USER_PASSWORD_AUTH as `<IdP>_<email>`, so pre-token-gen runs) and redirects with a
 *   one-time code;
 * - `POST /oauth2/token`: `authorization_code` with `code_verifier`; the code is bound to the
 *   client, the redirect URI and the challenge (codes.ts);
 * - `GET /logout`: `client_id` + `logout_uri` from the client's sign-out URLs.
 *
 * The API token: cognito-local applies pre-token-gen's claims to the ID token only, so the
 * token endpoint answers `access_token` with cognito-local's ID token (the authorizer
 * accepts `token_use` id on the local stack only: `ACCEPTED_TOKEN_USE=access,id`). The SPA
 * sends `access_token` in both places and never knows the difference.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../http-io';
import { samlErrorPage } from '../saml/idp-pages';
import { ACS_PATH, type SamlStep } from '../saml/local-federation';
import { SamlResponseError } from '../saml/saml-errors';
import { MAX_RESPONSE_BASE64 } from '../saml/validate-response';
import { type AppClient, type ClientIdp, chooseIdp } from './app-clients';
import { createCodeStore, isS256Challenge } from './codes';
import { errorPage, loginFormPage } from './login-page';

/** What cognito-local returns for a password sign-in. */
export interface PasswordTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** A sign-in the user got wrong (the form says so); anything else is a stand-in failure. */
export class WrongCredentialsError extends Error {
  override readonly name = 'WrongCredentialsError';
}

export interface ManagedLoginOptions {
  /** This server's origin, `http://login.localhost:<port>`. */
  readonly origin: () => string;
  /** cognito-local's origin: the issuer is `<it>/<poolId>`. */
  readonly cognitoEndpoint: string;
  /** The app clients (undefined until the pools are seeded). */
  readonly clients: () => ReadonlyMap<string, AppClient> | undefined;
  /** USER_PASSWORD_AUTH against cognito-local; throws WrongCredentialsError for bad credentials. */
  readonly passwordSignIn: (clientId: string, username: string, password: string) => Promise<PasswordTokens>;
  /**
   * Real SAML for the IdP step (saml/): the AuthnRequest, the ACS and the local IdPs.
   * Without it the password form stands in for the IdP (the shortcut some tests use).
   */
  readonly saml?: {
    readonly step: SamlStep;
    readonly handleIdp: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
    readonly log?: (line: string) => void;
  };
  readonly now?: () => number;
}

interface PendingLogin {
  readonly client: AppClient;
  readonly idp: ClientIdp;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly codeChallenge: string;
  readonly loginHint: string | undefined;
  readonly expires: number;
  /** The AuthnRequest ID sent for this sign-in (SAML only): the Response's InResponseTo. */
  readonly requestId?: string;
}

const SCOPES = new Set(['openid', 'email', 'profile', 'phone']);
const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 1000;
const FORM_LIMIT = 8 * 1024;
/** A SAMLResponse form field, URL-encoded (base64 grows by a third at most). */
const ACS_FORM_LIMIT = Math.ceil(MAX_RESPONSE_BASE64 * 1.4) + FORM_LIMIT;

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

function sendHtml(res: ServerResponse, status: number, html: string, formTarget?: string): void {
  res.writeHead(status, {
    ...HTML_HEADERS,
    // The form posts here and is then redirected to the app's callback origin.
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formTarget ? ` ${formTarget}` : ''}; frame-ancestors 'none'; base-uri 'none'`,
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store' }).end();
}

/** Redirects an OAuth error to a verified redirect URI, as the authorize endpoint does. */
function redirectError(res: ServerResponse, redirectUri: string, error: string, state: string | undefined) {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  if (state !== undefined) url.searchParams.set('state', state);
  redirect(res, url.toString());
}

/** Cognito's token endpoint answers CORS for any origin; so does the stand-in. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin === undefined
    ? {}
    : {
        'access-control-allow-origin': origin,
        vary: 'Origin',
        'access-control-allow-headers': 'content-type',
      };
}

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

/** Creates the stand-in's request handler. */
export function createManagedLogin(options: ManagedLoginOptions) {
  const now = options.now ?? Date.now;
  const codes = createCodeStore<PasswordTokens>(now);
  const pending = new Map<string, PendingLogin>();

  const remember = (login: PendingLogin): string => {
    for (const [id, entry] of pending)
      if (entry.expires <= now() || pending.size >= MAX_PENDING) pending.delete(id);
    const id = randomBytes(18).toString('base64url');
    pending.set(id, login);
    return id;
  };

  function discovery(res: ServerResponse, userPoolId: string, req: IncomingMessage) {
    const known = [...(options.clients()?.values() ?? [])].some((c) => c.userPoolId === userPoolId);
    if (!known) return sendJson(res, 404, { message: 'no such user pool' }, corsHeaders(req));
    const origin = options.origin();
    const issuer = `${options.cognitoEndpoint}/${userPoolId}`;
    sendJson(
      res,
      200,
      {
        issuer,
        authorization_endpoint: `${origin}/oauth2/authorize`,
        token_endpoint: `${origin}/oauth2/token`,
        end_session_endpoint: `${origin}/logout`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: [...SCOPES],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['none'],
      },
      corsHeaders(req),
    );
  }

  function authorize(res: ServerResponse, params: URLSearchParams) {
    const clientId = single(params, 'client_id');
    const client = clientId === undefined ? undefined : options.clients()?.get(clientId);
    if (client === undefined)
      return sendHtml(res, 400, errorPage('Sign-in error', 'Unknown or missing client_id.'));
    const redirectUri = single(params, 'redirect_uri');
    if (redirectUri === undefined || !client.callbackUrls.has(redirectUri)) {
      return sendHtml(
        res,
        400,
        errorPage(
          'Sign-in error',
          'redirect_mismatch: redirect_uri is not one of this app client’s callback URLs.',
        ),
      );
    }
    // A repeated state would otherwise be dropped and the client would get no state back.
    if (params.getAll('state').length > 1) {
      return redirectError(res, redirectUri, 'invalid_request', undefined);
    }
    const state = single(params, 'state');
    if (single(params, 'response_type') !== 'code') {
      return redirectError(res, redirectUri, 'unsupported_response_type', state);
    }
    const challenge = single(params, 'code_challenge');
    if (single(params, 'code_challenge_method') !== 'S256' || !isS256Challenge(challenge)) {
      // Public clients here must use PKCE with S256 (a plain or missing challenge is refused).
      return redirectError(res, redirectUri, 'invalid_request', state);
    }
    const scopes = (single(params, 'scope') ?? 'openid').split(' ').filter(Boolean);
    if (!scopes.every((s) => SCOPES.has(s))) return redirectError(res, redirectUri, 'invalid_scope', state);
    const idp = chooseIdp(client, single(params, 'identity_provider'), single(params, 'idp_identifier'));
    if (idp === undefined) {
      return sendHtml(
        res,
        400,
        errorPage(
          'Sign-in error',
          'No identity provider of this app client matches identity_provider / idp_identifier.',
        ),
      );
    }
    const loginHint = single(params, 'login_hint');
    const login: PendingLogin = {
      client,
      idp,
      redirectUri,
      state,
      codeChallenge: challenge,
      loginHint,
      expires: now() + PENDING_TTL_MS,
    };
    const transaction = remember(login);
    if (options.saml !== undefined) {
      // As Cognito does: the AuthnRequest goes to the IdP, the transaction rides in RelayState.
      const { requestId, location } = options.saml.step.begin(idp.tenantId, transaction, loginHint);
      pending.set(transaction, { ...login, requestId });
      return redirect(res, location);
    }
    sendHtml(
      res,
      200,
      loginFormPage({
        transaction,
        idpName: idp.name,
        tenantId: idp.tenantId,
        ...(loginHint ? { loginHint } : {}),
      }),
      new URL(redirectUri).origin,
    );
  }

  async function login(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
    const id = single(form, 'transaction') ?? '';
    const entry = pending.get(id);
    if (entry === undefined || entry.expires <= now()) {
      pending.delete(id);
      return sendHtml(
        res,
        400,
        errorPage('Sign-in expired', 'This sign-in expired or was already used. Start again from the app.'),
      );
    }
    const email = (single(form, 'username') ?? '').trim().toLowerCase();
    const password = single(form, 'password') ?? '';
    const again = (error: string) =>
      sendHtml(
        res,
        401,
        loginFormPage({
          transaction: id,
          idpName: entry.idp.name,
          tenantId: entry.idp.tenantId,
          loginHint: email,
          error,
        }),
        new URL(entry.redirectUri).origin,
      );
    if (!/^[^@\s]{1,64}@[^@\s]{1,253}$/.test(email) || password === '' || password.length > 256) {
      return again('Enter your email and password.');
    }
    let tokens: PasswordTokens;
    try {
      tokens = await options.passwordSignIn(entry.client.clientId, `${entry.idp.name}_${email}`, password);
    } catch (error) {
      if (error instanceof WrongCredentialsError) {
        return again(`No ${entry.idp.name} account matches this email and password.`);
      }
      throw error;
    }
    pending.delete(id);
    complete(res, entry, tokens);
  }

  /** The IdP step succeeded: a one-time code back to the app. */
  function complete(res: ServerResponse, entry: PendingLogin, tokens: PasswordTokens) {
    const code = codes.issue({
      clientId: entry.client.clientId,
      redirectUri: entry.redirectUri,
      codeChallenge: entry.codeChallenge,
      tokens,
    });
    const target = new URL(entry.redirectUri);
    target.searchParams.set('code', code);
    if (entry.state !== undefined) target.searchParams.set('state', entry.state);
    res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' }).end();
  }

  /** The ACS (HTTP-POST binding): one attempt per sign-in, refused or not. */
  async function idpResponse(
    req: IncomingMessage,
    res: ServerResponse,
    saml: NonNullable<ManagedLoginOptions['saml']>,
  ) {
    const form = new URLSearchParams((await readBody(req, ACS_FORM_LIMIT)).toString('utf8'));
    const id = single(form, 'RelayState') ?? '';
    const entry = pending.get(id);
    pending.delete(id);
    if (entry === undefined || entry.expires <= now() || entry.requestId === undefined) {
      return sendHtml(
        res,
        400,
        samlErrorPage(
          'Sign-in expired',
          'This sign-in expired or was already used (RelayState names no sign-in in progress). Start again from the app.',
          'unknown-relay-state',
        ),
      );
    }
    let tokens: PasswordTokens;
    try {
      tokens = await saml.step.finish(
        {
          tenantId: entry.idp.tenantId,
          userPoolId: entry.client.userPoolId,
          clientId: entry.client.clientId,
          requestId: entry.requestId,
        },
        single(form, 'SAMLResponse') ?? '',
      );
    } catch (error) {
      if (!(error instanceof SamlResponseError)) throw error;
      saml.log?.(`acs ${entry.idp.tenantId}: refused (${error.reason}): ${error.message}`);
      return sendHtml(
        res,
        400,
        samlErrorPage(
          'Sign-in refused',
          `The SAML response from ${entry.idp.name} was refused (${error.reason}): ${error.message}.`,
          error.reason,
        ),
      );
    }
    complete(res, entry, tokens);
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const cors = corsHeaders(req);
    const form = new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
    const fail = (status: number, error: string) =>
      sendJson(res, status, { error }, { ...cors, 'cache-control': 'no-store' });
    if (single(form, 'grant_type') !== 'authorization_code') return fail(400, 'unsupported_grant_type');
    const code = single(form, 'code');
    const clientId = single(form, 'client_id');
    const redirectUri = single(form, 'redirect_uri');
    const codeVerifier = single(form, 'code_verifier');
    if (!code || !clientId || !redirectUri || !codeVerifier) return fail(400, 'invalid_request');
    const result = codes.exchange(code, { clientId, redirectUri, codeVerifier });
    if (!result.ok) return fail(result.error === 'invalid_client' ? 401 : 400, result.error);
    sendJson(
      res,
      200,
      {
        id_token: result.tokens.idToken,
        // cognito-local puts pre-token-gen's claims in the ID token only (see the top of this file).
        access_token: result.tokens.idToken,
        token_type: 'Bearer',
        expires_in: result.tokens.expiresIn,
      },
      { ...cors, 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  function logout(res: ServerResponse, params: URLSearchParams) {
    const client = options.clients()?.get(single(params, 'client_id') ?? '');
    const logoutUri = single(params, 'logout_uri');
    if (client === undefined || logoutUri === undefined || !client.logoutUrls.has(logoutUri)) {
      return sendHtml(
        res,
        400,
        errorPage('Sign-out error', 'logout_uri is missing or not one of this app client’s sign-out URLs.'),
      );
    }
    redirect(res, logoutUri);
  }

  /** Handles one request on the stand-in's origin. */
  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...corsHeaders(req), 'access-control-allow-methods': 'GET, POST' }).end();
        return;
      }
      const wellKnown = /^\/([\w-]{1,55}_[0-9a-zA-Z]{1,64})\/\.well-known\/openid-configuration$/.exec(path);
      if (req.method === 'GET' && wellKnown?.[1] !== undefined) return discovery(res, wellKnown[1], req);
      if (req.method === 'GET' && path === '/oauth2/authorize') return authorize(res, url.searchParams);
      const saml = options.saml;
      if (saml !== undefined) {
        if (req.method === 'POST' && path === ACS_PATH) return await idpResponse(req, res, saml);
        if (await saml.handleIdp(req, res)) return;
      } else if (req.method === 'POST' && path === '/login') {
        return await login(req, res);
      }
      if (req.method === 'POST' && path === '/oauth2/token') return await token(req, res);
      if (req.method === 'GET' && path === '/logout') return logout(res, url.searchParams);
      sendJson(res, 404, { message: 'not found' });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'invalid_request' });
      sendHtml(
        res,
        500,
        errorPage('Sign-in failed', `The local stand-in failed: ${(error as Error).message}`),
      );
    }
  };
}
