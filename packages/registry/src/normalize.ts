import { domainToASCII, domainToUnicode } from 'node:url';
import { isMixedScript } from './script-check';

/** Why an input was refused. Safe to log: it never contains the input. */
export type NormalizeFailure =
  | 'not-a-string'
  | 'empty'
  | 'too-long'
  | 'invalid-character'
  | 'invalid-port'
  | 'invalid-label'
  | 'invalid-idn'
  | 'mixed-script'
  | 'ip-address'
  | 'single-label'
  | 'multiple-at'
  | 'quoted-local-part'
  | 'invalid-local-part';

export type Normalized<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: NormalizeFailure };

/** RFC 1035 limits: 253 characters for a name, 63 per label. */
const MAX_DOMAIN_LENGTH = 253;
/** Cheap guard before any work: a host with a port, in Unicode, is never longer than this. */
const MAX_RAW_HOST_LENGTH = 512;
/** RFC 5321: 64 for the local part, 254 for a whole forward path. */
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_RAW_EMAIL_LENGTH = 512;

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Separators, percent-encoding, userinfo, query, fragment, IPv6 brackets, whitespace and controls.
const FORBIDDEN = /[/\\%@?#[\]\s\p{Cc}\p{Cf}\p{Zs}*,;"'<>|{}^`~!$&()=+]/u;
const PORT_SUFFIX = /:(\d{1,5})$/;
const NON_ASCII = /[^\x20-\x7e]/;
// dot-atom-text of RFC 5322, ASCII only.
const DOT_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

const fail = (reason: NormalizeFailure): Normalized<never> => ({ ok: false, reason });

function toAsciiDomain(input: string): Normalized<string> {
  let name = input.endsWith('.') ? input.slice(0, -1) : input;
  if (name.length === 0) return fail('empty');
  const needsIdn = NON_ASCII.test(name) || name.split('.').some((label) => label.startsWith('xn--'));
  if (needsIdn) {
    const ascii = domainToASCII(name);
    if (ascii === '' || FORBIDDEN.test(ascii)) return fail('invalid-idn');
    const unicode = domainToUnicode(ascii);
    for (const label of unicode.split('.')) {
      if (isMixedScript(label)) return fail('mixed-script');
    }
    // A punycode label that does not survive a round trip is not a valid IDN label.
    if (domainToASCII(unicode) !== ascii) return fail('invalid-idn');
    name = ascii;
  }
  if (name.length > MAX_DOMAIN_LENGTH) return fail('too-long');
  const labels = name.split('.');
  for (const label of labels) {
    if (!LDH_LABEL.test(label)) return fail('invalid-label');
  }
  if (labels.length < 2) return fail('single-label');
  // A numeric last label means an IPv4 literal (or garbage): never a tenant host.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return fail('ip-address');
  return { ok: true, value: name };
}

function prepare(input: unknown, maxRaw: number): Normalized<string> {
  if (typeof input !== 'string') return fail('not-a-string');
  if (input.length > maxRaw) return fail('too-long');
  const value = input.trim().toLowerCase().normalize('NFC');
  if (value.length === 0) return fail('empty');
  return { ok: true, value };
}

/**
 * Normalises a DNS domain: trim, lowercase, strip one trailing dot, IDN to punycode,
 * then require LDH labels (1-63 chars), at least two labels and a non-numeric TLD.
 * Anything that could escape a key or path (`/`, `\`, `%`, NUL, `@`, ...) is refused.
 */
export function normalizeDomain(input: unknown): Normalized<string> {
  const prepared = prepare(input, MAX_RAW_HOST_LENGTH);
  if (!prepared.ok) return prepared;
  if (FORBIDDEN.test(prepared.value) || prepared.value.includes(':')) return fail('invalid-character');
  return toAsciiDomain(prepared.value);
}

/** As {@link normalizeDomain}, and also strips a `:port` suffix (1-65535), as sent in a `Host` header. */
export function normalizeHost(input: unknown): Normalized<string> {
  const prepared = prepare(input, MAX_RAW_HOST_LENGTH);
  if (!prepared.ok) return prepared;
  let value = prepared.value;
  if (FORBIDDEN.test(value)) return fail('invalid-character');
  const port = PORT_SUFFIX.exec(value);
  if (port) {
    const number = Number(port[1]);
    if (number < 1 || number > 65535) return fail('invalid-port');
    value = value.slice(0, port.index);
  }
  if (value.includes(':')) return fail('invalid-character');
  return toAsciiDomain(value);
}

/** A normalised address, split once at its only `@`. */
export interface NormalizedEmail {
  readonly address: string;
  readonly localPart: string;
  readonly domain: string;
}

/**
 * Normalises an email address for home-realm discovery.
 *
 * Rule: exactly one `@`, and an unquoted ASCII dot-atom local part. Quoted local parts
 * (`"a@globex.com"@acme.com`) and addresses with several `@` (`a@globex.com@acme.com`)
 * are refused rather than interpreted, so no parser disagreement can pick the wrong domain.
 */
export function normalizeEmail(input: unknown): Normalized<NormalizedEmail> {
  const prepared = prepare(input, MAX_RAW_EMAIL_LENGTH);
  if (!prepared.ok) return prepared;
  const value = prepared.value;
  if (value.includes('"')) return fail('quoted-local-part');
  const at = value.indexOf('@');
  if (at === -1) return fail('invalid-local-part');
  if (value.indexOf('@', at + 1) !== -1) return fail('multiple-at');
  const localPart = value.slice(0, at);
  if (localPart.length === 0 || localPart.length > MAX_LOCAL_PART_LENGTH || !DOT_ATOM.test(localPart)) {
    return fail('invalid-local-part');
  }
  const domain = normalizeDomain(value.slice(at + 1));
  if (!domain.ok) return domain;
  return { ok: true, value: { address: `${localPart}@${domain.value}`, localPart, domain: domain.value } };
}

/** True when `value` is already a normalised domain (what key builders accept). */
export function isNormalizedDomain(value: string): boolean {
  const result = normalizeDomain(value);
  return result.ok && result.value === value;
}

/**
 * Most labels a registered email domain may have (`research.eu.corp.acme.co.uk` has 6).
 * The cap is what lets home-realm discovery read every ancestor that could be registered
 * (5 at most) and so keep its promise that a registered subdomain is never taken over by
 * its parent's tenant, whatever the depth of the address typed.
 */
export const MAX_EMAIL_DOMAIN_LABELS = 6;

/**
 * Parent domains for an opt-in fallback, nearest first, never a bare TLD:
 * `a.eu.acme.com` -> [`eu.acme.com`, `acme.com`].
 */
export function parentDomains(domain: string): string[] {
  const labels = domain.split('.');
  const parents: string[] = [];
  for (let i = 1; i < labels.length - 1; i++) parents.push(labels.slice(i).join('.'));
  return parents;
}
