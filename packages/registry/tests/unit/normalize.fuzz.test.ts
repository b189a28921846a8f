import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isNormalizedDomain, normalizeEmail, normalizeHost } from '../../src/normalize';

const SAFE = /^[a-z0-9.-]+$/;

describe('normalisation properties', () => {
  it('never throws, and any accepted host is LDH-only and idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.domain(), fc.anything()),
        (input) => {
          const result = normalizeHost(input);
          if (result.ok) {
            expect(SAFE.test(result.value)).toBe(true);
            expect(isNormalizedDomain(result.value)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts any generated domain and returns it lowercased', () => {
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        const result = normalizeHost(domain.toUpperCase());
        if (result.ok) expect(result.value).toBe(domain.toLowerCase());
        else expect(['ip-address', 'single-label']).toContain(result.reason);
      }),
    );
  });

  it('never yields an email domain that the raw input does not end with', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.emailAddress(), fc.string()),
        fc.constantFrom('', '@globex.com', '"@x.test'),
        (email, suffix) => {
          const input = email + suffix;
          const result = normalizeEmail(input);
          if (result.ok)
            expect(input.toLowerCase().trim().replace(/\.$/, '').endsWith(`@${result.value.domain}`)).toBe(
              true,
            );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
