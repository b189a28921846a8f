/**
 * A local IdP's SAML metadata: the document it publishes (entity ID, signing certificate,
 * HTTP-Redirect sign-on endpoint), and the reader the stand-in's ACS trusts it through. The
 * reader takes what Cognito takes from metadata: the entity ID and the signing certificates.
 */
import { DSIG_NS, escapeXml, HTTP_REDIRECT, METADATA_NS, NAMEID_EMAIL, parseXml } from './saml-xml';

export interface IdpDescription {
  readonly entityId: string;
  readonly ssoUrl: string;
  /** Base64 DER, as in `<ds:X509Certificate>`. */
  readonly certificateBase64: string;
}

/** The metadata document of a local IdP. */
export function idpMetadataXml(idp: IdpDescription): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${METADATA_NS}" xmlns:ds="${DSIG_NS}" entityID="${escapeXml(idp.entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${idp.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>
    <md:SingleSignOnService Binding="${HTTP_REDIRECT}" Location="${escapeXml(idp.ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

/** What the ACS trusts: the IdP's entity ID and every signing certificate (PEM). */
export interface TrustedIdp {
  readonly entityId: string;
  readonly signingCertificates: readonly string[];
}

/** The metadata cannot be used to trust an IdP. */
export class IdpMetadataError extends Error {
  override readonly name = 'IdpMetadataError';
}

const pem = (base64: string) =>
  `-----BEGIN CERTIFICATE-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;

/** Reads an IdP's metadata; `source` names it in errors. */
export function readIdpMetadata(xml: string, source: string): TrustedIdp {
  const root = parseXml(xml);
  if (root === undefined || root.namespaceURI !== METADATA_NS || root.localName !== 'EntityDescriptor') {
    throw new IdpMetadataError(`${source}: not a well-formed md:EntityDescriptor document (no DOCTYPE)`);
  }
  const entityId = root.getAttribute('entityID') ?? '';
  if (entityId === '') throw new IdpMetadataError(`${source}: EntityDescriptor has no entityID`);
  const certificates: string[] = [];
  const descriptors = root.getElementsByTagNameNS(METADATA_NS, 'IDPSSODescriptor');
  for (let d = 0; d < descriptors.length; d++) {
    const keys = descriptors.item(d)?.getElementsByTagNameNS(METADATA_NS, 'KeyDescriptor');
    for (let k = 0; keys && k < keys.length; k++) {
      const key = keys.item(k);
      const use = key?.getAttribute('use') ?? '';
      // A KeyDescriptor without `use` serves both signing and encryption.
      if (key === null || key === undefined || (use !== '' && use !== 'signing')) continue;
      const values = key.getElementsByTagNameNS(DSIG_NS, 'X509Certificate');
      for (let c = 0; c < values.length; c++) {
        const base64 = (values.item(c)?.textContent ?? '').replace(/\s+/g, '');
        if (base64 !== '') certificates.push(pem(base64));
      }
    }
  }
  if (certificates.length === 0)
    throw new IdpMetadataError(`${source}: no signing certificate in IDPSSODescriptor`);
  return { entityId, signingCertificates: certificates };
}
