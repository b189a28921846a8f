/**
 * Reads what Cognito needs from SAML 2.0 IdP metadata (entity ID, SSO endpoints, signing
 * certificates) and reviews it. Elements are matched by namespace and local name, so a
 * document in the wrong namespace is refused rather than half-read.
 */
import type { Issue } from '../findings';
import { type CertificateSummary, reviewCertificate } from './certificates';
import { parseXml, type XmlElement, XmlError } from './xml';

export const SAML_METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
/** The bindings Cognito can use to send the AuthnRequest. */
export const SUPPORTED_SSO_BINDINGS: readonly string[] = [
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
];
/** SAML metadata schema: entityID is at most 1024 characters. */
const MAX_ENTITY_ID = 1024;

export interface Endpoint {
  readonly binding: string;
  readonly location: string;
}

/** What `check --json` reports for one tenant's metadata. */
export interface MetadataSummary {
  readonly entityId: string;
  readonly singleSignOn: readonly Endpoint[];
  readonly singleLogout: readonly Endpoint[];
  readonly certificates: readonly CertificateSummary[];
  readonly validUntil?: string;
}

export interface MetadataReview {
  readonly summary?: MetadataSummary;
  readonly issues: Issue[];
}

export interface ReviewOptions {
  readonly now: Date;
  /** The tenant asks for SAML single logout (`idp.signOut`). */
  readonly signOut: boolean;
}

const error = (code: string, message: string, fix?: string): Issue => ({
  severity: 'error',
  code,
  message,
  ...(fix === undefined ? {} : { fix }),
});

const children = (el: XmlElement, ns: string, local: string) =>
  el.children.filter((c) => c.namespace === ns && c.localName === local);

const EXPORT_AGAIN = "export the IdP's SAML 2.0 metadata again (the federation metadata XML)";

/** Parses and reviews a metadata document. Never throws for bad input: everything is an issue. */
export function reviewMetadata(document: Uint8Array | string, options: ReviewOptions): MetadataReview {
  let root: XmlElement;
  try {
    root = parseXml(document);
  } catch (caught) {
    if (!(caught instanceof XmlError)) throw caught;
    return { issues: [error(`xml.${caught.reason}`, `metadata refused: ${caught.message}`, EXPORT_AGAIN)] };
  }
  const entity = entityDescriptor(root);
  if ('issues' in entity) return entity;
  return reviewEntity(entity.element, options);
}

function entityDescriptor(root: XmlElement): { element: XmlElement } | MetadataReview {
  if (root.namespace === SAML_METADATA_NS && root.localName === 'EntitiesDescriptor') {
    const entities = children(root, SAML_METADATA_NS, 'EntityDescriptor');
    if (entities.length !== 1) {
      return {
        issues: [
          error(
            'metadata.many-entities',
            `metadata lists ${entities.length} entities; Cognito needs the metadata of exactly one IdP`,
            "export only this tenant's IdP (one EntityDescriptor)",
          ),
        ],
      };
    }
    return { element: entities[0] as XmlElement };
  }
  if (root.localName !== 'EntityDescriptor' || root.namespace !== SAML_METADATA_NS) {
    const ns = root.namespace === '' ? 'no namespace' : `namespace ${root.namespace}`;
    return {
      issues: [
        error(
          'metadata.not-saml-metadata',
          `root element is ${root.localName} in ${ns}; expected EntityDescriptor in ${SAML_METADATA_NS}`,
          EXPORT_AGAIN,
        ),
      ],
    };
  }
  return { element: root };
}

function reviewEntity(entity: XmlElement, options: ReviewOptions): MetadataReview {
  const issues: Issue[] = [];
  const entityId = entity.attributes.get('entityID')?.trim() ?? '';
  if (entityId === '')
    issues.push(error('metadata.no-entity-id', 'EntityDescriptor has no entityID', EXPORT_AGAIN));
  if (entityId.length > MAX_ENTITY_ID) {
    issues.push(error('metadata.entity-id-too-long', `entityID is longer than ${MAX_ENTITY_ID} characters`));
  }
  const validUntil = entity.attributes.get('validUntil');
  if (validUntil !== undefined) issues.push(...reviewValidUntil(validUntil, options.now));
  const idp = children(entity, SAML_METADATA_NS, 'IDPSSODescriptor').find((d) =>
    (d.attributes.get('protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL),
  );
  if (!idp) {
    const isSp = children(entity, SAML_METADATA_NS, 'SPSSODescriptor').length > 0;
    issues.push(
      error(
        'metadata.no-idp-descriptor',
        isSp
          ? 'metadata describes a service provider (SPSSODescriptor), not an identity provider'
          : `no IDPSSODescriptor supporting ${SAML2_PROTOCOL}`,
        "use the IdP's metadata, not the SP (Cognito) metadata",
      ),
    );
    return { issues };
  }
  const endpoints = (name: string): Endpoint[] =>
    children(idp, SAML_METADATA_NS, name).map((e) => ({
      binding: e.attributes.get('Binding') ?? '',
      location: e.attributes.get('Location') ?? '',
    }));
  const singleSignOn = endpoints('SingleSignOnService');
  const singleLogout = endpoints('SingleLogoutService');
  issues.push(...reviewSingleSignOn(singleSignOn));
  if (options.signOut && singleLogout.length === 0) {
    issues.push(
      error(
        'metadata.no-single-logout',
        'idp.signOut is true but the metadata has no SingleLogoutService',
        'set idp.signOut to false, or ask the IdP admin to enable SAML single logout',
      ),
    );
  }
  const certificates: CertificateSummary[] = [];
  const signing = signingCertificates(idp);
  if (signing.length === 0) {
    issues.push(
      error(
        'metadata.no-signing-certificate',
        'no signing certificate (KeyDescriptor use="signing")',
        EXPORT_AGAIN,
      ),
    );
  }
  signing.forEach((value, index) => {
    const review = reviewCertificate(value, options.now, `signing certificate ${index + 1}`);
    if (review.summary) certificates.push(review.summary);
    issues.push(...review.issues);
  });
  const summary: MetadataSummary = {
    entityId,
    singleSignOn,
    singleLogout,
    certificates,
    ...(validUntil === undefined ? {} : { validUntil }),
  };
  return { summary, issues };
}

function reviewSingleSignOn(services: readonly Endpoint[]): Issue[] {
  const usable = services.filter((s) => SUPPORTED_SSO_BINDINGS.includes(s.binding));
  if (usable.length === 0) {
    const found = services.map((s) => s.binding || '(no Binding)').join(', ') || 'none';
    return [
      error(
        'metadata.no-supported-sso',
        `no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding (found: ${found})`,
        'enable SAML 2.0 HTTP-Redirect or HTTP-POST sign-on at the IdP and export the metadata again',
      ),
    ];
  }
  return usable
    .filter((s) => !s.location.startsWith('https://'))
    .map((s) =>
      error(
        'metadata.insecure-sso',
        `SingleSignOnService Location must be an https:// URL (got ${s.location.slice(0, 80) || 'nothing'})`,
        'configure the IdP to publish its sign-on endpoint over HTTPS',
      ),
    );
}

function signingCertificates(idp: XmlElement): string[] {
  const values: string[] = [];
  for (const key of children(idp, SAML_METADATA_NS, 'KeyDescriptor')) {
    const use = key.attributes.get('use');
    // A KeyDescriptor without `use` is valid for both signing and encryption.
    if (use !== undefined && use !== 'signing') continue;
    for (const info of children(key, XMLDSIG_NS, 'KeyInfo')) {
      for (const data of children(info, XMLDSIG_NS, 'X509Data')) {
        for (const cert of children(data, XMLDSIG_NS, 'X509Certificate')) values.push(cert.text);
      }
    }
  }
  return values;
}

function reviewValidUntil(value: string, now: Date): Issue[] {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return [error('metadata.bad-valid-until', 'validUntil is not a date-time')];
  if (time > now.getTime()) return [];
  // A warning, not an error: the signing certificates decide whether sign-in works.
  return [
    {
      severity: 'warning',
      code: 'metadata.expired',
      message: `metadata validUntil ${value} has passed`,
      fix: 'download fresh metadata from the IdP',
    },
  ];
}
