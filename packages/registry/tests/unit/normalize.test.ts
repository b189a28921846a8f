import { describe, expect, it } from '@jest/globals';
import { normalizeDomain, normalizeEmail, normalizeHost, parentDomains } from '../../src/normalize';

describe('normalizeHost', () => {
  it.each([
    ['acme.app.example.com', 'acme.app.example.com'],
    ['  ACME.App.Example.COM  ', 'acme.app.example.com'],
    ['acme.app.example.com.', 'acme.app.example.com'],
    ['acme.app.example.com:443', 'acme.app.example.com'],
    ['acme.localhost:8080', 'acme.localhost'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a-b.example.com', 'a-b.example.com'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeHost(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [42, 'not-a-string'],
    [['acme.com'], 'not-a-string'],
    [null, 'not-a-string'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['.', 'empty'],
    ['acme.com:0', 'invalid-port'],
    ['acme.com:65536', 'invalid-port'],
    ['acme.com:80:80', 'invalid-character'],
    ['localhost', 'single-label'],
    ['10.0.0.1', 'ip-address'],
    ['-acme.com', 'invalid-label'],
    ['acme-.com', 'invalid-label'],
    ['acme..com', 'invalid-label'],
    ['acme_1.com', 'invalid-label'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(normalizeHost(input)).toEqual({ ok: false, reason });
  });
});

describe('normalizeDomain', () => {
  it('refuses a port, which only hosts may carry', () => {
    expect(normalizeDomain('acme.com:443')).toEqual({ ok: false, reason: 'invalid-character' });
  });

  it('accepts 63-character labels and refuses 64', () => {
    expect(normalizeDomain(`${'a'.repeat(63)}.com`).ok).toBe(true);
    expect(normalizeDomain(`${'a'.repeat(64)}.com`)).toEqual({ ok: false, reason: 'invalid-label' });
  });

  it('refuses names over 253 characters', () => {
    const name = `${Array.from({ length: 4 }, () => 'a'.repeat(63)).join('.')}.com`;
    expect(normalizeDomain(name)).toEqual({ ok: false, reason: 'too-long' });
  });
});

describe('normalizeEmail', () => {
  it('trims, lowercases and splits at the only @', () => {
    expect(normalizeEmail('  Bob.Smith+x@ACME.com. ')).toEqual({
      ok: true,
      value: { address: 'bob.smith+x@acme.com', localPart: 'bob.smith+x', domain: 'acme.com' },
    });
  });

  it('converts an IDN domain to punycode', () => {
    const result = normalizeEmail('anna@bücher.example');
    expect(result.ok && result.value.domain).toBe('xn--bcher-kva.example');
  });

  it.each([
    ['bob', 'invalid-local-part'],
    ['@acme.com', 'invalid-local-part'],
    ['.bob@acme.com', 'invalid-local-part'],
    ['bob.@acme.com', 'invalid-local-part'],
    ['bo..b@acme.com', 'invalid-local-part'],
    [`${'a'.repeat(65)}@acme.com`, 'invalid-local-part'],
    ['bob@', 'empty'],
    ['bob@localhost', 'single-label'],
    ['bob@acme.com:25', 'invalid-character'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason });
  });
});

describe('parentDomains', () => {
  it('lists parents nearest first and never a bare TLD', () => {
    expect(parentDomains('a.eu.acme.com')).toEqual(['eu.acme.com', 'acme.com']);
    expect(parentDomains('acme.com')).toEqual([]);
  });
});
