/**
 * The few SAML 2.0 names and encodings both sides of the local federation use: namespaces,
 * the HTTP-Redirect binding's DEFLATE + base64, XML escaping, and instants.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';

export const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
export const HTTP_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Cognito's SP entity ID for a user pool (the audience every assertion must name). */
export const cognitoAudience = (userPoolId: string) => `urn:amazon:cognito:sp:${userPoolId}`;

/** Escapes text and attribute values. */
export const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** SAML instants: UTC, second precision. */
export const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A SAML ID: an NCName (so it starts with a letter or `_`), 160 random bits. */
export const samlId = (random: Buffer) => `_${random.toString('hex')}`;

/** HTTP-Redirect binding: raw DEFLATE, then base64 (the caller URL-encodes). */
export const deflateMessage = (xml: string) => deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');

/** Reverses deflateMessage; refuses output over `limit` bytes (a DEFLATE bomb). */
export function inflateMessage(base64: string, limit: number): string {
  return inflateRawSync(Buffer.from(base64, 'base64'), { maxOutputLength: limit }).toString('utf8');
}

/**
 * Parses a SAML document with xmldom (the DOM xml-crypto uses). A DOCTYPE is refused before
 * parsing (no entity expansion); any parse error, not only a fatal one, gives `undefined`.
 */
export function parseXml(xml: string): Element | undefined {
  if (/<!DOCTYPE/i.test(xml)) return undefined;
  let failed = false;
  try {
    const doc = new DOMParser({
      errorHandler: (level: string) => {
        if (level !== 'warning') failed = true;
      },
    }).parseFromString(xml, 'text/xml');
    return failed ? undefined : (doc.documentElement ?? undefined);
  } catch {
    return undefined;
  }
}
