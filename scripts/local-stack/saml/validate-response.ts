/**
 * Validates a SAML Response posted to the stand-in's ACS, in this order (each step throws
 * its own error from saml-errors.ts):
 *
 *  1. size, base64 and XML (no DOCTYPE: no entity expansion), root samlp:Response, Status
 *     Success;
 *  2. exactly one saml:Assertion in the whole document, a child of the Response, and no
 *     EncryptedAssertion (a second assertion is how signature wrapping hides the signed one);
 *  3. exactly one ds:Signature, a child of that assertion, RSA-SHA256 over exclusive C14N,
 *     a SHA-256 digest and only the enveloped + exclusive C14N transforms, verified by xml-crypto
 *     against the tenant metadata's signing certificates only (KeyInfo is never trusted);
 *  4. the signature has one Reference, its URI is `#<the assertion's ID>`, and from here on
 *     every value is read from the canonical bytes xml-crypto verified, never from the
 *     posted document;
 *  5. Issuer is the metadata's entity ID; Conditions NotBefore / NotOnOrAfter (with skew);
 *     Audience `urn:amazon:cognito:sp:<poolId>`;
 *  6. a bearer SubjectConfirmation whose Recipient is this ACS, InResponseTo the request
 *     this sign-in sent and NotOnOrAfter not past; the Response's Destination, when given,
 *     is this ACS; a NameID;
 *  7. the assertion ID was not used before (remembered until it expires; a full store
 *     refuses rather than forgets). Instants must be UTC (`...Z`).
 */
import { SignedXml } from 'xml-crypto';
import type { TrustedIdp } from './idp-metadata';
import {
  AudienceError,
  ExpiredAssertionError,
  InResponseToError,
  IssuerError,
  MalformedResponseError,
  RecipientError,
  ReplayedAssertionError,
  ResponseStatusError,
  SignatureError,
  SubjectError,
  WrappedAssertionError,
} from './saml-errors';
import {
  ASSERTION_NS,
  BEARER,
  DSIG_NS,
  ENVELOPED,
  EXC_C14N,
  PROTOCOL_NS,
  parseXml,
  RSA_SHA256,
  SHA256,
  SUCCESS,
} from './saml-xml';

/** What the sign-in in progress expects of its answer. */
export interface ExpectedResponse {
  readonly trusted: TrustedIdp;
  readonly audience: string;
  readonly acsUrl: string;
  readonly requestId: string;
  readonly now: number;
  /** Allowed clock difference with the IdP (default 60 s). */
  readonly skewMs?: number;
}

/** Remembers used assertion IDs until they expire. */
export interface ReplayCache {
  has(assertionId: string): boolean;
  /** False when the ID cannot be remembered (store full of live IDs): the sign-in is refused. */
  remember(assertionId: string, until: number): boolean;
}

export interface ValidatedAssertion {
  readonly assertionId: string;
  readonly issuer: string;
  readonly nameId: string;
  /** SAML attribute name -> values, in document order. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
  readonly notOnOrAfter: number;
}

/** Base64 of a Response is rarely over 20 KiB; 256 KiB leaves room for many groups. */
export const MAX_RESPONSE_BASE64 = 256 * 1024;
const DEFAULT_SKEW_MS = 60_000;

function parse(xml: string, what: string): Element {
  const root = parseXml(xml);
  if (root === undefined)
    throw new MalformedResponseError(`${what} is not well-formed XML (or has a DOCTYPE)`);
  return root;
}

function children(parent: Element, ns: string, name: string): Element[] {
  const found: Element[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i) as Element | null;
    if (node?.nodeType === 1 && node.namespaceURI === ns && node.localName === name) found.push(node);
  }
  return found;
}

const only = (elements: Element[]): Element | undefined => (elements.length === 1 ? elements[0] : undefined);
const text = (element: Element | undefined) => (element?.textContent ?? '').trim();

/** xs:dateTime in UTC as SAML core 1.3.3 requires: `Z`, no offset, no local time. */
const SAML_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

function time(value: string | null | undefined, what: string): number {
  const ms = SAML_INSTANT.test(value ?? '') ? Date.parse(value ?? '') : Number.NaN;
  if (Number.isNaN(ms)) throw new MalformedResponseError(`${what} is not a SAML instant (UTC, ending in Z)`);
  return ms;
}

/** The only transforms an assertion signature may use (no comments, no XPath, no XSLT). */
const ALLOWED_TRANSFORMS: ReadonlySet<string> = new Set([ENVELOPED, EXC_C14N]);

function decode(samlResponse: string): string {
  if (samlResponse.length > MAX_RESPONSE_BASE64) {
    throw new MalformedResponseError(`SAMLResponse is over ${MAX_RESPONSE_BASE64} characters`);
  }
  const compact = samlResponse.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new MalformedResponseError('SAMLResponse is not base64');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Steps 3-4: the canonical assertion the signature covers, re-parsed. */
function verifiedAssertion(xml: string, assertion: Element, trusted: TrustedIdp): Element {
  const signatures = assertion.getElementsByTagNameNS(DSIG_NS, 'Signature');
  const signature = only(children(assertion, DSIG_NS, 'Signature'));
  if (signature === undefined || signatures.length !== 1) {
    throw new SignatureError('the assertion must carry exactly one ds:Signature of its own');
  }
  const method = signature
    .getElementsByTagNameNS(DSIG_NS, 'SignatureMethod')
    .item(0)
    ?.getAttribute('Algorithm');
  if (method !== RSA_SHA256) throw new SignatureError('the signature must use RSA-SHA256');
  const c14n = signature
    .getElementsByTagNameNS(DSIG_NS, 'CanonicalizationMethod')
    .item(0)
    ?.getAttribute('Algorithm');
  if (c14n !== EXC_C14N)
    throw new SignatureError('SignedInfo must use exclusive canonicalization (no comments)');
  const id = assertion.getAttribute('ID') ?? '';
  if (id === '') throw new WrappedAssertionError('the assertion has no ID for the signature to reference');
  for (const certificate of trusted.signingCertificates) {
    // KeyInfo in the document is ignored: only the metadata's certificates are trusted.
    const verifier = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null });
    let valid = false;
    try {
      verifier.loadSignature(signature);
      valid = verifier.checkSignature(xml);
    } catch {
      valid = false;
    }
    if (!valid) continue;
    const references = verifier.getReferences();
    const signed = verifier.getSignedReferences();
    const reference = references[0];
    if (references.length !== 1 || reference?.uri !== `#${id}` || signed.length !== 1) {
      throw new WrappedAssertionError('the signature does not reference exactly the one assertion');
    }
    if (reference.digestAlgorithm !== SHA256)
      throw new SignatureError('the reference digest must be SHA-256');
    if (
      !reference.transforms.includes(ENVELOPED) ||
      reference.transforms.some((t) => !ALLOWED_TRANSFORMS.has(t))
    ) {
      throw new SignatureError(
        'the reference may use only the enveloped-signature and exclusive C14N transforms',
      );
    }
    const canonical = parse(signed[0] ?? '', 'the signed assertion');
    if (
      canonical.namespaceURI !== ASSERTION_NS ||
      canonical.localName !== 'Assertion' ||
      canonical.getAttribute('ID') !== id
    ) {
      throw new WrappedAssertionError('the signed element is not the assertion that was read');
    }
    return canonical;
  }
  throw new SignatureError('no signing certificate of the tenant IdP metadata verifies the assertion');
}

/** Validates a base64 SAMLResponse; throws a SamlResponseError subclass when refused. */
export function validateResponse(
  samlResponse: string,
  expected: ExpectedResponse,
  replay: ReplayCache,
): ValidatedAssertion {
  const skew = expected.skewMs ?? DEFAULT_SKEW_MS;
  const now = expected.now;
  // 1. Envelope.
  const xml = decode(samlResponse);
  const response = parse(xml, 'SAMLResponse');
  if (response.namespaceURI !== PROTOCOL_NS || response.localName !== 'Response') {
    throw new MalformedResponseError('SAMLResponse is not a samlp:Response');
  }
  const status = only(children(response, PROTOCOL_NS, 'Status'));
  const code = status && only(children(status, PROTOCOL_NS, 'StatusCode'))?.getAttribute('Value');
  if (code !== SUCCESS) throw new ResponseStatusError(`the IdP answered status ${code ?? '(none)'}`);
  // 2. One assertion.
  const all = response.getElementsByTagNameNS(ASSERTION_NS, 'Assertion');
  const direct = children(response, ASSERTION_NS, 'Assertion');
  if (response.getElementsByTagNameNS(ASSERTION_NS, 'EncryptedAssertion').length > 0) {
    throw new MalformedResponseError('encrypted assertions are not supported locally');
  }
  if (all.length !== 1 || direct.length !== 1 || direct[0] === undefined) {
    throw new WrappedAssertionError(`the Response must carry exactly one assertion (found ${all.length})`);
  }
  // 3-4. Signature; from here on, only the signed bytes.
  const assertion = verifiedAssertion(xml, direct[0], expected.trusted);
  const assertionId = assertion.getAttribute('ID') ?? '';
  // 5. Issuer, conditions, audience.
  if (text(only(children(assertion, ASSERTION_NS, 'Issuer'))) !== expected.trusted.entityId) {
    throw new IssuerError("the assertion's Issuer is not the tenant IdP's entity ID");
  }
  const conditions = only(children(assertion, ASSERTION_NS, 'Conditions'));
  if (conditions === undefined) throw new ExpiredAssertionError('the assertion has no Conditions');
  const notBefore = conditions.getAttribute('NotBefore');
  if (notBefore && time(notBefore, 'Conditions NotBefore') > now + skew) {
    throw new ExpiredAssertionError('the assertion is not valid yet (NotBefore)');
  }
  const notOnOrAfter = time(conditions.getAttribute('NotOnOrAfter'), 'Conditions NotOnOrAfter');
  if (now - skew >= notOnOrAfter) throw new ExpiredAssertionError('the assertion has expired (NotOnOrAfter)');
  const audiences = children(conditions, ASSERTION_NS, 'AudienceRestriction').map((restriction) =>
    children(restriction, ASSERTION_NS, 'Audience').map((a) => text(a)),
  );
  // Every AudienceRestriction must name us (SAML core 2.5.1.4).
  if (audiences.length === 0 || !audiences.every((list) => list.includes(expected.audience))) {
    throw new AudienceError('the assertion is not for this user pool (Audience)');
  }
  // 6. Subject.
  const subject = only(children(assertion, ASSERTION_NS, 'Subject'));
  const nameId = text(subject && only(children(subject, ASSERTION_NS, 'NameID')));
  if (subject === undefined || nameId === '' || nameId.length > 512) {
    throw new SubjectError('the assertion has no usable NameID');
  }
  const bearer = children(subject, ASSERTION_NS, 'SubjectConfirmation')
    .filter((c) => c.getAttribute('Method') === BEARER)
    .flatMap((c) => children(c, ASSERTION_NS, 'SubjectConfirmationData'));
  const confirmation = only(bearer);
  if (confirmation === undefined)
    throw new SubjectError('the assertion needs one bearer SubjectConfirmation');
  const destination = response.getAttribute('Destination');
  if (
    confirmation.getAttribute('Recipient') !== expected.acsUrl ||
    (destination && destination !== expected.acsUrl)
  ) {
    throw new RecipientError('Recipient / Destination is not this ACS');
  }
  if (confirmation.getAttribute('InResponseTo') !== expected.requestId) {
    throw new InResponseToError('InResponseTo is not the request this sign-in sent');
  }
  const confirmUntil = time(
    confirmation.getAttribute('NotOnOrAfter'),
    'SubjectConfirmationData NotOnOrAfter',
  );
  if (now - skew >= confirmUntil) throw new ExpiredAssertionError('the subject confirmation has expired');
  // 7. One-time use.
  if (replay.has(assertionId)) throw new ReplayedAssertionError('this assertion was already used');
  if (!replay.remember(assertionId, Math.max(notOnOrAfter, confirmUntil) + skew)) {
    throw new ReplayedAssertionError(
      'too many sign-ins in flight to remember this assertion; try again later',
    );
  }
  const attributes = new Map<string, string[]>();
  for (const statement of children(assertion, ASSERTION_NS, 'AttributeStatement')) {
    for (const attribute of children(statement, ASSERTION_NS, 'Attribute')) {
      const name = attribute.getAttribute('Name') ?? '';
      const values = children(attribute, ASSERTION_NS, 'AttributeValue').map((v) => v.textContent ?? '');
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return { assertionId, issuer: expected.trusted.entityId, nameId, attributes, notOnOrAfter };
}
