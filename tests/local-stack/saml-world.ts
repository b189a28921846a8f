/**
 * Two local IdPs (tenants "a" and "b", each with its own RSA key made per run) and helpers
 * that build signed SAML Responses, honest or forged, for the SAML tests.
 */
import {
  idpMetadataXml,
  readIdpMetadata,
  type TrustedIdp,
} from '@cognito-tenancy/local-stack/saml/idp-metadata';
import { cognitoAudience } from '@cognito-tenancy/local-stack/saml/saml-xml';
import {
  createCertificate,
  type TestCertificate,
} from '@cognito-tenancy/local-stack/saml/self-signed-certificate';
import {
  type AssertionInput,
  assertionXml,
  responseXml,
  signAssertion,
} from '@cognito-tenancy/local-stack/saml/signed-response';

export interface TestIdp {
  readonly entityId: string;
  readonly certificate: TestCertificate;
  readonly metadata: string;
  readonly trusted: TrustedIdp;
}

const DAY = 86_400_000;

/** An IdP with a fresh RSA-2048 key. */
export function makeIdp(entityId: string, now = Date.now()): TestIdp {
  const certificate = createCertificate({
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 30 * DAY),
    key: { type: 'rsa', bits: 2048 },
  });
  const metadata = idpMetadataXml({
    entityId,
    ssoUrl: `${entityId}/sso`,
    certificateBase64: certificate.base64,
  });
  return { entityId, certificate, metadata, trusted: readIdpMetadata(metadata, entityId) };
}

export const POOL_ID = 'local_Pool1234';
export const ACS_URL = 'http://login.localhost:4000/saml2/idpresponse';
export const REQUEST_ID = '_request0001';

/** An honest assertion input for `idp`, with overrides. */
export function input(idp: TestIdp, overrides: Partial<AssertionInput> = {}): AssertionInput {
  return {
    issuer: idp.entityId,
    nameId: 'alice@a.example',
    audience: cognitoAudience(POOL_ID),
    recipient: ACS_URL,
    inResponseTo: REQUEST_ID,
    attributes: { email: ['alice@a.example'], groups: ['Admins', 'Readers'] },
    now: Date.now(),
    ...overrides,
  };
}

export const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

/** A Response whose one assertion `signer` signed. */
export function signedBy(signer: TestIdp, assertion: AssertionInput): string {
  return responseXml(assertion, [signAssertion(assertionXml(assertion), signer.certificate.privateKeyPem)]);
}
