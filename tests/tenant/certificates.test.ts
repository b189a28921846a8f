import { EXPIRY_WARNING_DAYS, reviewCertificate } from '@cognito-tenancy/tenant-tool/metadata/certificates';
import { describe, expect, it } from '@jest/globals';
import { NOW } from './helpers/environment';
import { certificateAround } from './helpers/x509';

const codes = (review: ReturnType<typeof reviewCertificate>) =>
  review.issues.map((i) => [i.severity, i.code]);

describe('reviewCertificate', () => {
  it('summarises a valid certificate and raises nothing', () => {
    const cert = certificateAround(NOW, -10, 365, { commonName: 'okta.example' });
    const review = reviewCertificate(cert.base64, NOW, 'signing certificate 1');
    expect(review.issues).toEqual([]);
    expect(review.summary).toMatchObject({ subject: 'CN=okta.example', daysLeft: 365, keyType: 'ec' });
    expect(review.summary?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('accepts base64 wrapped over lines, as metadata files have it', () => {
    const wrapped = certificateAround(NOW, -1, 100)
      .base64.match(/.{1,64}/g)!
      .join('\n      ');
    expect(reviewCertificate(`\n      ${wrapped}\n`, NOW, 'c').issues).toEqual([]);
  });

  it('fails a certificate that has expired', () => {
    const review = reviewCertificate(certificateAround(NOW, -400, -1).base64, NOW, 'signing certificate 2');
    expect(codes(review)).toEqual([['error', 'certificate.expired']]);
    expect(review.issues[0]?.message).toMatch(/^signing certificate 2 \(CN=idp.test\) expired on 2026-05-31/);
    expect(review.issues[0]?.fix).toMatch(/metadata with a current signing certificate/);
  });

  it(`warns under ${EXPIRY_WARNING_DAYS} days and not at ${EXPIRY_WARNING_DAYS}`, () => {
    const soon = reviewCertificate(certificateAround(NOW, -300, EXPIRY_WARNING_DAYS - 1).base64, NOW, 'c');
    expect(codes(soon)).toEqual([['warning', 'certificate.expiring']]);
    expect(soon.issues[0]?.message).toContain(`in ${EXPIRY_WARNING_DAYS - 1} days`);
    const later = reviewCertificate(certificateAround(NOW, -300, EXPIRY_WARNING_DAYS).base64, NOW, 'c');
    expect(later.issues).toEqual([]);
  });

  it('warns about a certificate that is not valid yet', () => {
    expect(codes(reviewCertificate(certificateAround(NOW, 2, 400).base64, NOW, 'c'))).toEqual([
      ['warning', 'certificate.not-yet-valid'],
    ]);
  });

  it('warns about an RSA key under 2048 bits', () => {
    const review = reviewCertificate(
      certificateAround(NOW, -1, 400, { key: { type: 'rsa', bits: 1024 } }).base64,
      NOW,
      'c',
    );
    expect(codes(review)).toEqual([['warning', 'certificate.weak-key']]);
    expect(review.summary?.keyBits).toBe(1024);
  });

  it('refuses a certificate that parses but whose public key does not decode (found by fuzzing)', () => {
    const der = Buffer.from(certificateAround(NOW, -1, 400).base64, 'base64');
    // The P-256 point in the SubjectPublicKeyInfo: BIT STRING, 66 bytes, no unused bits, uncompressed.
    const point = der.indexOf(Buffer.from([0x03, 0x42, 0x00, 0x04]));
    expect(point).toBeGreaterThan(0);
    der[point + 10] = der[point + 10]! ^ 0xff;
    const review = reviewCertificate(der.toString('base64'), NOW, 'c');
    expect(codes(review)).toEqual([['error', 'certificate.invalid']]);
  });

  it('refuses a certificate given as base64 of PEM text, which Cognito cannot read (#22.1)', () => {
    const { pem } = certificateAround(NOW, -1, 400);
    // What a hand-edited metadata file holds when someone base64-encodes the .pem file itself.
    for (const pemText of [pem, pem.replace(/\n/g, '\r\n'), `\n${pem}`]) {
      const review = reviewCertificate(Buffer.from(pemText).toString('base64'), NOW, 'signing certificate 1');
      expect(codes(review)).toEqual([['error', 'certificate.invalid']]);
      expect(review.issues[0]?.message).toBe(
        'signing certificate 1 is base64 of PEM text (-----BEGIN CERTIFICATE-----), not base64 of DER',
      );
      expect(review.issues[0]?.fix).toMatch(/only the base64 between the BEGIN and END lines/);
      expect(review.summary).toBeUndefined();
    }
  });

  it.each([
    ['empty', ''],
    ['not base64', 'not*base64!'],
    ['base64 of something else', Buffer.from('hello world, not DER').toString('base64')],
    ['a truncated certificate', certificateAround(NOW, -1, 400).base64.slice(0, 120)],
  ])('refuses a value that is %s', (_what, value) => {
    const review = reviewCertificate(value, NOW, 'signing certificate 1');
    expect(codes(review)).toEqual([['error', 'certificate.invalid']]);
    expect(review.summary).toBeUndefined();
  });
});
