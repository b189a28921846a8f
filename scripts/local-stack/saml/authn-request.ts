/**
 * The SAML AuthnRequest the stand-in sends (as Cognito does: HTTP-Redirect binding, not
 * signed) and the local IdP's reader of it. The IdP trusts none of its URLs: it answers
 * only its one registered SP and posts to that SP's ACS (local-idp.ts).
 */
import {
  ASSERTION_NS,
  deflateMessage,
  escapeXml,
  HTTP_POST,
  inflateMessage,
  instant,
  PROTOCOL_NS,
  parseXml,
} from './saml-xml';

export interface AuthnRequest {
  readonly id: string;
  /** The SP's entity ID: `urn:amazon:cognito:sp:<poolId>`. */
  readonly issuer: string;
  readonly acsUrl: string;
  readonly destination: string;
  readonly issueInstant: number;
}

/** The AuthnRequest document. */
export function authnRequestXml(request: AuthnRequest): string {
  return `<samlp:AuthnRequest xmlns:samlp="${PROTOCOL_NS}" xmlns:saml="${ASSERTION_NS}" ID="${escapeXml(request.id)}" Version="2.0" IssueInstant="${instant(request.issueInstant)}" Destination="${escapeXml(request.destination)}" ProtocolBinding="${HTTP_POST}" AssertionConsumerServiceURL="${escapeXml(request.acsUrl)}"><saml:Issuer>${escapeXml(request.issuer)}</saml:Issuer><samlp:NameIDPolicy AllowCreate="true"/></samlp:AuthnRequest>`;
}

/** The IdP URL the browser is sent to (HTTP-Redirect binding). */
export function authnRequestRedirect(request: AuthnRequest, relayState: string): string {
  const url = new URL(request.destination);
  url.searchParams.set('SAMLRequest', deflateMessage(authnRequestXml(request)));
  url.searchParams.set('RelayState', relayState);
  return url.toString();
}

/** The request cannot be read; the IdP shows an error page. */
export class AuthnRequestError extends Error {
  override readonly name = 'AuthnRequestError';
}

const MAX_REQUEST_BYTES = 16 * 1024;

/** Reads `SAMLRequest` (HTTP-Redirect encoding). */
export function readAuthnRequest(samlRequest: string): AuthnRequest {
  let xml: string;
  try {
    xml = inflateMessage(samlRequest, MAX_REQUEST_BYTES);
  } catch {
    throw new AuthnRequestError('SAMLRequest is not DEFLATE + base64 (or is over 16 KiB inflated)');
  }
  const root = parseXml(xml);
  if (root === undefined || root.namespaceURI !== PROTOCOL_NS || root.localName !== 'AuthnRequest') {
    throw new AuthnRequestError('SAMLRequest is not a well-formed samlp:AuthnRequest (no DOCTYPE)');
  }
  const issuers = root.getElementsByTagNameNS(ASSERTION_NS, 'Issuer');
  const id = root.getAttribute('ID') ?? '';
  const issuer = issuers.length === 1 ? (issuers.item(0)?.textContent ?? '').trim() : '';
  const issueInstant = Date.parse(root.getAttribute('IssueInstant') ?? '');
  if (!/^[A-Za-z_][\w.-]{0,255}$/.test(id))
    throw new AuthnRequestError('AuthnRequest ID is missing or not an NCName');
  if (issuer === '') throw new AuthnRequestError('AuthnRequest has no single Issuer');
  if (Number.isNaN(issueInstant)) throw new AuthnRequestError('AuthnRequest IssueInstant is not a date');
  return {
    id,
    issuer,
    acsUrl: root.getAttribute('AssertionConsumerServiceURL') ?? '',
    destination: root.getAttribute('Destination') ?? '',
    issueInstant,
  };
}
