import { describe, expect, it } from '@jest/globals';
import { normalizeDomain, normalizeEmail, normalizeHost } from '../../src/normalize';

describe('normalisation against hostile input', () => {
  it.each([
    '../acme.com',
    'acme.com/../../issuers',
    'acme.com%2F..%2Fissuers',
    'acme.com\\issuers',
    'acme.com\u0000.evil.test',
    'acme.com?x=1',
    'acme.com#frag',
    'user@acme.com',
    '[::1]',
    'acme .com',
    'acme\t.com',
    'acme.com\u200b',
    'acme.com\u202e',
    '*.acme.com',
  ])('refuses host %j', (input) => {
    expect(normalizeHost(input).ok).toBe(false);
  });

  it('refuses 2 KB hosts before doing any work', () => {
    expect(normalizeHost('a.'.repeat(1024))).toEqual({ ok: false, reason: 'too-long' });
  });

  it.each([
    ['аcme.com', 'Cyrillic а in a Latin label'],
    ['xn--cme-8cd.com', 'the same look-alike given as punycode'],
    ['gοοgle.com', 'Greek omicrons in a Latin label'],
  ])('refuses mixed-script look-alike %j (%s)', (input) => {
    expect(normalizeDomain(input)).toEqual({ ok: false, reason: 'mixed-script' });
  });

  it('keeps single-script IDNs distinct from the ASCII look-alike', () => {
    const cyrillic = normalizeDomain('асме.com');
    expect(cyrillic.ok).toBe(true);
    expect(cyrillic.ok && cyrillic.value).not.toBe('acme.com');
  });

  it('refuses invalid punycode', () => {
    expect(normalizeDomain('xn--zz.com').ok).toBe(false);
  });

  it.each([
    ['a@globex.com@acme.com', 'multiple-at'],
    ['"a@globex.com"@acme.com', 'quoted-local-part'],
    ['"bob"@acme.com', 'quoted-local-part'],
    ['bob@acme.com@', 'multiple-at'],
    ['bob@аcme.com', 'mixed-script'],
    ['bob@acme.com/../globex.com', 'invalid-character'],
    ['bob@acme.com%00', 'invalid-character'],
    ['bob\u0000@acme.com', 'invalid-local-part'],
  ])('refuses email %j (%s)', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason });
  });

  it('never resolves an address with two @ to either domain', () => {
    for (const input of ['a@globex.com@acme.com', 'a@acme.com@globex.com', 'a@@acme.com']) {
      const result = normalizeEmail(input);
      expect(result.ok).toBe(false);
    }
  });

  it('treats look-alike suffixes as different domains', () => {
    expect(normalizeEmail('x@evilacme.com')).toMatchObject({ ok: true, value: { domain: 'evilacme.com' } });
    expect(normalizeEmail('x@acme.com.evil.test')).toMatchObject({
      ok: true,
      value: { domain: 'acme.com.evil.test' },
    });
  });

  it('refuses 64 KB input without scanning it', () => {
    expect(normalizeEmail(`${'a'.repeat(65536)}@acme.com`)).toEqual({ ok: false, reason: 'too-long' });
  });
});
