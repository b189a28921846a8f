/**
 * The local SAML identity providers, one per tenant, served on the stand-in's origin under
 * `/local-idp/<tenantId>/`: `GET sso` (HTTP-Redirect AuthnRequest) shows the sign-in form,
 * `POST login` checks a demo user's email and password and answers the signed Response
 * (HTTP-POST binding page). Like a real IdP it answers only its registered SP (the tenant's
 * pool, `urn:amazon:cognito:sp:<poolId>`) and posts only to that SP's ACS, whatever the
 * request says.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-io';
import { AuthnRequestError, readAuthnRequest } from './authn-request';
import { idpFormPage, postBindingPage, samlErrorPage, sendPage } from './idp-pages';
import { signedResponse } from './signed-response';

/** One demo user of the IdP: the email is the NameID. */
export interface IdpUser {
  readonly email: string;
  readonly groups: readonly string[];
}

export interface LocalIdp {
  readonly tenantId: string;
  readonly idpName: string;
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly privateKeyPem: string;
  readonly certificateBase64: string;
  /** The one SP this IdP serves: its entity ID and ACS. */
  readonly spEntityId: string;
  readonly acsUrl: string;
  /** The SAML attribute names the tenant maps (tenant file `idp.attributeMapping`). */
  readonly attributeNames: {
    readonly email: string;
    readonly given_name?: string;
    readonly family_name?: string;
    readonly groups?: string;
  };
  readonly users: readonly IdpUser[];
}

export interface LocalIdpOptions {
  readonly idps: () => ReadonlyMap<string, LocalIdp>;
  /** The demo users' password (demo-users.json). */
  readonly password: () => string;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

const FORM_LIMIT = 32 * 1024;

/** The attributes the IdP asserts for a user, named as the tenant maps them. */
export function idpAttributes(idp: LocalIdp, user: IdpUser): Record<string, string[]> {
  const names = idp.attributeNames;
  const local = user.email.split('@')[0] ?? '';
  const attributes: Record<string, string[]> = { [names.email]: [user.email] };
  if (names.given_name) attributes[names.given_name] = [local.charAt(0).toUpperCase() + local.slice(1)];
  if (names.family_name) attributes[names.family_name] = [`Demo (${idp.tenantId})`];
  if (names.groups && user.groups.length > 0) attributes[names.groups] = [...user.groups];
  return attributes;
}

/** Creates the handler of `/local-idp/<tenantId>/(sso|login)`; answers false for other paths. */
export function createLocalIdpHandler(options: LocalIdpOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});

  /** The request must come from this IdP's SP and name its ACS (or none). */
  function checkRequest(idp: LocalIdp, samlRequest: string): string | undefined {
    try {
      const request = readAuthnRequest(samlRequest);
      if (request.issuer !== idp.spEntityId) return 'the AuthnRequest is from an SP this IdP does not serve';
      if (request.acsUrl !== '' && request.acsUrl !== idp.acsUrl)
        return 'the AuthnRequest names an unknown ACS URL';
      return undefined;
    } catch (error) {
      return error instanceof AuthnRequestError ? error.message : 'the AuthnRequest cannot be read';
    }
  }

  return async function handleIdp(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://idp');
    const match = /^\/local-idp\/([a-z0-9-]{1,64})\/(sso|login)$/.exec(url.pathname);
    if (match === null) return false;
    const idp = options.idps().get(match[1] ?? '');
    if (idp === undefined) {
      sendPage(res, 404, samlErrorPage('Unknown identity provider', 'No local IdP serves this tenant.'));
      return true;
    }
    if (req.method === 'GET' && match[2] === 'sso') {
      const samlRequest = url.searchParams.get('SAMLRequest') ?? '';
      const problem = checkRequest(idp, samlRequest);
      if (problem !== undefined) {
        log(`local-idp ${idp.tenantId}: refused AuthnRequest: ${problem}`);
        sendPage(res, 400, samlErrorPage('Sign-in request refused', problem));
        return true;
      }
      const hint = url.searchParams.get('login_hint') ?? undefined;
      sendPage(
        res,
        200,
        idpFormPage({
          tenantId: idp.tenantId,
          idpName: idp.idpName,
          action: `/local-idp/${idp.tenantId}/login`,
          samlRequest,
          relayState: url.searchParams.get('RelayState') ?? '',
          ...(hint ? { loginHint: hint } : {}),
        }),
      );
      return true;
    }
    if (req.method === 'POST' && match[2] === 'login') {
      const form = new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
      const samlRequest = form.get('SAMLRequest') ?? '';
      const relayState = form.get('RelayState') ?? '';
      const problem = checkRequest(idp, samlRequest);
      if (problem !== undefined) {
        sendPage(res, 400, samlErrorPage('Sign-in request refused', problem));
        return true;
      }
      const email = (form.get('username') ?? '').trim().toLowerCase();
      const user = idp.users.find((u) => u.email === email);
      if (user === undefined || form.get('password') !== options.password()) {
        sendPage(
          res,
          401,
          idpFormPage({
            tenantId: idp.tenantId,
            idpName: idp.idpName,
            action: `/local-idp/${idp.tenantId}/login`,
            samlRequest,
            relayState,
            loginHint: email,
            error: `No ${idp.idpName} demo user matches this email and password.`,
          }),
        );
        return true;
      }
      const request = readAuthnRequest(samlRequest);
      const response = signedResponse(
        {
          issuer: idp.entityId,
          nameId: user.email,
          audience: idp.spEntityId,
          recipient: idp.acsUrl,
          inResponseTo: request.id,
          attributes: idpAttributes(idp, user),
          now: now(),
        },
        idp.privateKeyPem,
      );
      log(`local-idp ${idp.tenantId}: signed an assertion for ${user.email} (InResponseTo ${request.id})`);
      sendPage(res, 200, postBindingPage(idp.acsUrl, response, relayState), true);
      return true;
    }
    sendPage(res, 405, samlErrorPage('Not allowed', 'GET sso or POST login only.'));
    return true;
  };
}
