/**
 * The local IdP's answer: a samlp:Response holding one saml:Assertion, the assertion signed
 * (enveloped, exclusive C14N, RSA-SHA256) with xml-crypto, as IdPs commonly do and Cognito
 * requires. Tests build their forged and expired responses with the same function.
 */
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import {
  ASSERTION_NS,
  BEARER,
  ENVELOPED,
  EXC_C14N,
  escapeXml,
  instant,
  NAMEID_EMAIL,
  PROTOCOL_NS,
  RSA_SHA256,
  SHA256,
  SUCCESS,
  samlId,
} from './saml-xml';

export interface AssertionInput {
  /** The IdP's entity ID. */
  readonly issuer: string;
  readonly nameId: string;
  /** `urn:amazon:cognito:sp:<poolId>`. */
  readonly audience: string;
  /** The ACS URL: Response Destination and SubjectConfirmationData Recipient. */
  readonly recipient: string;
  readonly inResponseTo: string;
  /** SAML attribute name -> values. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly now: number;
  /** How long the assertion may be used (default 5 minutes). */
  readonly lifetimeMs?: number;
  /** The assertion's ID (random by default). */
  readonly assertionId?: string;
}

function attributeXml(name: string, values: readonly string[]): string {
  const items = values.map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`).join('');
  return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">${items}</saml:Attribute>`;
}

/** The unsigned assertion. */
export function assertionXml(input: AssertionInput): string {
  const id = input.assertionId ?? samlId(randomBytes(20));
  const notOnOrAfter = instant(input.now + (input.lifetimeMs ?? 5 * 60_000));
  const attributes = Object.entries(input.attributes)
    .map(([name, values]) => attributeXml(name, values))
    .join('');
  return `<saml:Assertion xmlns:saml="${ASSERTION_NS}" ID="${id}" Version="2.0" IssueInstant="${instant(input.now)}"><saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="${NAMEID_EMAIL}">${escapeXml(input.nameId)}</saml:NameID><saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData InResponseTo="${escapeXml(input.inResponseTo)}" NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(input.recipient)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${instant(input.now - 5_000)}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escapeXml(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${instant(input.now)}" SessionIndex="${samlId(randomBytes(10))}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
}

/** Signs an assertion document (its root), the signature placed after its Issuer. */
export function signAssertion(assertion: string, privateKeyPem: string): string {
  const signer = new SignedXml({
    privateKey: privateKeyPem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    digestAlgorithm: SHA256,
    transforms: [ENVELOPED, EXC_C14N],
  });
  signer.computeSignature(assertion, {
    prefix: 'ds',
    location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return signer.getSignedXml();
}

/** Wraps (already signed) assertions in a successful samlp:Response. */
export function responseXml(input: AssertionInput, assertions: readonly string[]): string {
  return `<samlp:Response xmlns:samlp="${PROTOCOL_NS}" xmlns:saml="${ASSERTION_NS}" ID="${samlId(randomBytes(20))}" Version="2.0" IssueInstant="${instant(input.now)}" Destination="${escapeXml(input.recipient)}" InResponseTo="${escapeXml(input.inResponseTo)}"><saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>${assertions.join('')}</samlp:Response>`;
}

/** A Response with one signed assertion, base64 as the HTTP-POST binding sends it. */
export function signedResponse(input: AssertionInput, privateKeyPem: string): string {
  const xml = responseXml(input, [signAssertion(assertionXml(input), privateKeyPem)]);
  return Buffer.from(xml, 'utf8').toString('base64');
}
