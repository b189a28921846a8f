/**
 * Reads what Cognito needs from SAML 2.0 IdP metadata (entity ID, SSO endpoints, signing
 * certificates) and reviews it. Elements are matched by namespace and local name, so a
 * document in the wrong namespace is refused rather than half-read.
 */
import type { Issue } from '../findings';
import type { CertificateSummary } from './certificates';
import { findIdpEntity } from './idp-entity';
import {
  children,
  EXPORT_AGAIN,
  error,
  idpDescriptor,
  SAML_METADATA_NS,
  SAML2_PROTOCOL,
} from './metadata-names';
import { placeholderIssues } from './placeholders';
import { reviewSigningKeys } from './signing-keys';
import { type Endpoint, reviewSingleSignOn } from './sso-endpoints';
import { parseXml, type XmlDeadline, type XmlElement, XmlError } from './xml';

export { SAML_METADATA_NS, SAML2_PROTOCOL, XMLDSIG_NS } from './metadata-names';
export { type Endpoint, SUPPORTED_SSO_BINDINGS } from './sso-endpoints';

/** SAML metadata schema: entityID is at most 1024 characters. */
const MAX_ENTITY_ID = 1024;

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
  /** Refuse the document (`xml.timeout`) if it is not read by then (`--fetch --timeout`). */
  readonly deadline?: XmlDeadline;
}

/** Parses and reviews a metadata document. Never throws for bad input: everything is an issue. */
export function reviewMetadata(document: Uint8Array | string, options: ReviewOptions): MetadataReview {
  let root: XmlElement;
  try {
    root = parseXml(document, undefined, options.deadline);
  } catch (caught) {
    if (!(caught instanceof XmlError)) throw caught;
    return { issues: [error(`xml.${caught.reason}`, `metadata refused: ${caught.message}`, EXPORT_AGAIN)] };
  }
  const found = findIdpEntity(root);
  if ('issues' in found) return found;
  return reviewEntity(found.entity, options);
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
  const idp = idpDescriptor(entity);
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
  issues.push(
    ...placeholderIssues([
      ['entityID', entityId],
      ...singleSignOn.map((s) => ['SingleSignOnService Location', s.location] as const),
    ]),
  );
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
  const signing = reviewSigningKeys(idp, options.now);
  issues.push(...signing.issues);
  const summary: MetadataSummary = {
    entityId,
    singleSignOn,
    singleLogout,
    certificates: signing.certificates,
    ...(validUntil === undefined ? {} : { validUntil }),
  };
  return { summary, issues };
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
