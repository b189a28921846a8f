/**
 * The IdP's signing certificates: where they are, why none was found, and whether at least
 * one is valid now. IdPs publish the old and the new certificate side by side during a key
 * rollover (Google, AD FS), so an expired one beside a valid one is a warning; only when no
 * signing certificate is valid does sign-in fail.
 */
import type { Issue } from '../findings';
import { type CertificateSummary, reviewCertificate } from './certificates';
import { children, EXPORT_AGAIN, error, SAML_METADATA_NS, XMLDSIG_NS } from './metadata-names';
import type { XmlElement } from './xml';

export interface SigningReview {
  readonly certificates: CertificateSummary[];
  readonly issues: Issue[];
}

/** Where a signing certificate sits under a KeyDescriptor. */
const PATH = ['KeyInfo', 'X509Data', 'X509Certificate'] as const;

/** Reads and reviews every signing certificate of `idp` (an IDPSSODescriptor) at `now`. */
export function reviewSigningKeys(idp: XmlElement, now: Date): SigningReview {
  const keys = children(idp, SAML_METADATA_NS, 'KeyDescriptor');
  // A KeyDescriptor without `use` is valid for both signing and encryption.
  const signing = keys.filter((k) => (k.attributes.get('use') ?? 'signing') === 'signing');
  const values = signing.flatMap((key) =>
    PATH.reduce<XmlElement[]>((level, name) => level.flatMap((el) => children(el, XMLDSIG_NS, name)), [key]),
  );
  if (values.length === 0) return { certificates: [], issues: [missingCertificate(keys, signing)] };

  const reviews = values.map((v, i) => ({
    label: `signing certificate ${i + 1}`,
    ...reviewCertificate(v.text, now, `signing certificate ${i + 1}`),
  }));
  const certificates = reviews.flatMap((r) => (r.summary ? [r.summary] : []));
  const valid = reviews.find((r) => r.summary !== undefined && isValidAt(r.summary, now));
  if (valid?.summary !== undefined) {
    const current = `${valid.label} (${valid.summary.subject}) is valid until ${valid.summary.validTo}`;
    const issues = reviews.flatMap((r) => r.issues.map((issue) => besideValid(issue, current)));
    return { certificates, issues };
  }
  const issues = reviews.flatMap((r) => r.issues);
  if (certificates.length > 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push(
      error(
        'metadata.no-valid-signing-certificate',
        'no signing certificate is valid now; Cognito cannot verify sign-ins until one is',
        'ask the IdP admin for metadata with a signing certificate valid today',
      ),
    );
  }
  return { certificates, issues };
}

const isValidAt = (c: CertificateSummary, now: Date) =>
  Date.parse(c.validFrom) <= now.getTime() && now.getTime() < Date.parse(c.validTo);

/** An expired certificate next to a valid one: a key rollover, so a warning naming the valid one. */
function besideValid(issue: Issue, current: string): Issue {
  if (issue.code !== 'certificate.expired') return issue;
  return {
    severity: 'warning',
    code: 'certificate.expired-beside-valid',
    message: `${issue.message.replace(/; sign-in fails with it$/, '')}; ${current}, so sign-in works (key rollover)`,
    fix: 'nothing blocks sign-in; export the metadata again once the IdP has dropped the expired certificate',
  };
}

/** Says what is actually wrong when no certificate was found, not only that none was. */
function missingCertificate(keys: readonly XmlElement[], signing: readonly XmlElement[]): Issue {
  if (signing.length === 0) {
    const uses = [...new Set(keys.map((k) => k.attributes.get('use')))].join(', ');
    return error(
      'metadata.no-signing-certificate',
      keys.length === 0
        ? 'no signing certificate: the IDPSSODescriptor has no KeyDescriptor'
        : `no signing certificate (KeyDescriptor use="signing"): the KeyDescriptors are for ${uses} only`,
      EXPORT_AGAIN,
    );
  }
  let level: readonly XmlElement[] = signing;
  let where = 'the signing KeyDescriptor';
  for (const name of PATH) {
    const named = level.flatMap((el) => el.children.filter((c) => c.localName === name));
    const right = named.filter((c) => c.namespace === XMLDSIG_NS);
    if (right.length === 0 && named[0] !== undefined) {
      const ns = named[0].namespace === '' ? 'no namespace' : `namespace ${named[0].namespace}`;
      return error(
        'metadata.signing-key-namespace',
        `${where} has a ${name} in ${ns}, not in the XML signature namespace ${XMLDSIG_NS}, so its certificate cannot be read`,
        `declare the prefix of ${name} (usually ds:) as ${XMLDSIG_NS}, or export the metadata again`,
      );
    }
    if (right.length === 0) {
      const found = [...new Set(level.flatMap((el) => el.children.map((c) => c.localName)))];
      return error(
        'metadata.no-signing-certificate',
        `${where} has no ${name} (found: ${found.join(', ') || 'nothing'}); Cognito needs the certificate itself`,
        EXPORT_AGAIN,
      );
    }
    level = right;
    where = `the ${name} of the signing KeyDescriptor`;
  }
  // Unreachable: a complete path would have yielded a value.
  return error('metadata.no-signing-certificate', 'no signing certificate', EXPORT_AGAIN);
}
