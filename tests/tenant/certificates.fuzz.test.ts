import { reviewCertificate } from '@cognito-tenancy/tenant-tool/metadata/certificates';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NOW } from './helpers/environment';
import { certificateAround } from './helpers/x509';

describe('certificate review properties', () => {
  const der = Buffer.from(certificateAround(NOW, -1, 400).base64, 'base64');

  it('turns any corruption of a certificate into an outcome, never an exception', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (flips) => {
          const mutated = Buffer.from(der);
          for (const [at, value] of flips) mutated[at] = value;
          const review = reviewCertificate(mutated.toString('base64'), NOW, 'c');
          expect(
            review.summary !== undefined || review.issues.some((i) => i.code === 'certificate.invalid'),
          ).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('turns any truncation into an outcome', () => {
    fc.assert(
      fc.property(fc.nat(der.length), (length) => {
        const review = reviewCertificate(der.subarray(0, length).toString('base64'), NOW, 'c');
        expect(Array.isArray(review.issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
