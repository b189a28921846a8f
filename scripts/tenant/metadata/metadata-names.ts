/** Namespaces and element helpers shared by the metadata reviewers. */
import type { Issue } from '../findings';
import type { XmlElement } from './xml';

export const SAML_METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';

export const EXPORT_AGAIN = "export the IdP's SAML 2.0 metadata again (the federation metadata XML)";

/** Direct children of `el` named `local` in `ns`. */
export const children = (el: XmlElement, ns: string, local: string): XmlElement[] =>
  el.children.filter((c) => c.namespace === ns && c.localName === local);

export const error = (code: string, message: string, fix?: string): Issue => ({
  severity: 'error',
  code,
  message,
  ...(fix === undefined ? {} : { fix }),
});

export const warning = (code: string, message: string, fix?: string): Issue => ({
  ...error(code, message, fix),
  severity: 'warning',
});

/** The IdP role Cognito uses: an IDPSSODescriptor that supports SAML 2.0. */
export const idpDescriptor = (entity: XmlElement): XmlElement | undefined =>
  children(entity, SAML_METADATA_NS, 'IDPSSODescriptor').find((d) =>
    (d.attributes.get('protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL),
  );
