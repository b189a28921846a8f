/**
 * Review of the signing certificates found in IdP metadata, with node:crypto's
 * X509Certificate. Cognito trusts exactly these certificates for the SAML response
 * signature, so an expired one means sign-in fails for that tenant.
 */
import { X509Certificate } from 'node:crypto';
import type { Issue } from '../findings';

/** Warn this many days before a signing certificate expires. */
export const EXPIRY_WARNING_DAYS = 30;
/** RSA keys shorter than this are weak (NIST SP 800-131A). */
const MIN_RSA_BITS = 2048;
const DAY_MS = 86_400_000;
/** A DER certificate starts with a SEQUENCE tag. */
const DER_SEQUENCE = 0x30;

/** What `check --json` reports per certificate. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysLeft: number;
  readonly fingerprint256: string;
  readonly keyType: string;
  readonly keyBits?: number;
}

export interface CertificateReview {
  readonly summary?: CertificateSummary;
  readonly issues: Issue[];
}

/** Parses one `ds:X509Certificate` value (base64 DER, any whitespace) and reviews it at `now`. */
export function reviewCertificate(base64: string, now: Date, label: string): CertificateReview {
  const compact = base64.replace(/[\s]+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return { issues: [invalid(label, 'is not base64')] };
  }
  const der = Buffer.from(compact, 'base64');
  // X509Certificate also accepts PEM, but Cognito reads the value as DER: base64 of PEM text
  // would pass here and fail there.
  if (der.subarray(0, 64).toString('latin1').includes('-----BEGIN')) {
    return {
      issues: [
        {
          ...invalid(label, 'is base64 of PEM text (-----BEGIN CERTIFICATE-----), not base64 of DER'),
          fix: 'put only the base64 between the BEGIN and END lines of the PEM certificate in <ds:X509Certificate>',
        },
      ],
    };
  }
  if (der[0] !== DER_SEQUENCE) return { issues: [invalid(label, 'is not a DER-encoded X.509 certificate')] };
  let cert: X509Certificate;
  let summary: CertificateSummary;
  try {
    cert = new X509Certificate(der);
    summary = summarise(cert, now);
  } catch {
    // Found by fuzzing: a certificate can parse while its key or names cannot be decoded.
    return { issues: [invalid(label, 'is not a valid X.509 certificate')] };
  }
  return { summary, issues: dateIssues(cert, now, label, summary) };
}

function summarise(cert: X509Certificate, now: Date): CertificateSummary {
  const details = cert.publicKey.asymmetricKeyDetails;
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom: cert.validFromDate.toISOString(),
    validTo: cert.validToDate.toISOString(),
    daysLeft: Math.floor((cert.validToDate.getTime() - now.getTime()) / DAY_MS),
    fingerprint256: cert.fingerprint256,
    keyType: cert.publicKey.asymmetricKeyType ?? 'unknown',
    ...(details?.modulusLength === undefined ? {} : { keyBits: details.modulusLength }),
  };
}

function dateIssues(cert: X509Certificate, now: Date, label: string, summary: CertificateSummary): Issue[] {
  const issues: Issue[] = [];
  const rotate = 'ask the IdP admin for metadata with a current signing certificate, then run tenant check';
  if (cert.validToDate.getTime() <= now.getTime()) {
    issues.push({
      severity: 'error',
      code: 'certificate.expired',
      message: `${label} (${summary.subject}) expired on ${summary.validTo}; sign-in fails with it`,
      fix: rotate,
    });
  } else if (summary.daysLeft < EXPIRY_WARNING_DAYS) {
    issues.push({
      severity: 'warning',
      code: 'certificate.expiring',
      message: `${label} (${summary.subject}) expires on ${summary.validTo} (in ${summary.daysLeft} days)`,
      fix: rotate,
    });
  }
  if (cert.validFromDate.getTime() > now.getTime()) {
    issues.push({
      severity: 'warning',
      code: 'certificate.not-yet-valid',
      message: `${label} (${summary.subject}) is not valid before ${summary.validFrom}`,
    });
  }
  if (summary.keyType === 'rsa' && summary.keyBits !== undefined && summary.keyBits < MIN_RSA_BITS) {
    issues.push({
      severity: 'warning',
      code: 'certificate.weak-key',
      message: `${label} has a ${summary.keyBits}-bit RSA key (under ${MIN_RSA_BITS})`,
      fix: 'ask the IdP admin to sign with a 2048-bit or larger key',
    });
  }
  return issues;
}

const invalid = (label: string, what: string): Issue => ({
  severity: 'error',
  code: 'certificate.invalid',
  message: `${label} ${what}`,
  fix: 'export the metadata again from the IdP; the certificate must be base64 DER',
});
