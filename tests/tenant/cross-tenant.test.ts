/**
 * #19.6 from the attacker's side: a copy of another tenant's metadata, changed just enough
 * to look different, must still be refused; a shared signing certificate only passes when
 * the environment file says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { entityIdKey } from '@cognito-tenancy/tenant-tool/check/entity-id';
import { describe, expect, it } from '@jest/globals';
import { NOW, run, twoTenantFixture } from './helpers/environment';
import { idpMetadata } from './helpers/metadata';
import { certificateAround } from './helpers/x509';

interface Report {
  findings: Array<{ severity: string; code: string; where: string; message: string; fix?: string }>;
}

async function check(file: string) {
  const result = await run(['check', file, '--json']);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const ACME_ENTITY = 'https://adfs.acme.example/adfs/services/trust/';

describe('entityIdKey', () => {
  it.each([
    'https://adfs.acme.example/adfs/services/trust',
    'HTTPS://ADFS.ACME.EXAMPLE/adfs/services/trust//',
    'http://adfs.acme.example:80/adfs/services/trust/',
    'https://adfs.acme.example:443/ADFS/services/trust',
    '  https://adfs.acme.example/adfs/services/trust/  ',
  ])('gives %s the key of the original', (variant) => {
    expect(entityIdKey(variant)).toBe(entityIdKey(ACME_ENTITY));
  });

  it('keeps different IdPs apart', () => {
    expect(entityIdKey('https://adfs.acme.example/adfs/services/trust2')).not.toBe(entityIdKey(ACME_ENTITY));
    expect(entityIdKey('https://adfs.acme.example:8443/adfs/services/trust')).not.toBe(
      entityIdKey(ACME_ENTITY),
    );
    expect(entityIdKey('urn:acme:idp')).toBe(entityIdKey('URN:ACME:IDP'));
  });
});

describe('tenant check across tenants (#19.6)', () => {
  it("refuses a copy of another tenant's metadata whose entityID lost its trailing /", async () => {
    const fx = twoTenantFixture();
    const signing = certificateAround(NOW, -30, 365).base64;
    fx.metadata('acme.xml', idpMetadata({ entityId: ACME_ENTITY, certificates: [signing] }));
    fx.metadata('globex.xml', idpMetadata({ entityId: ACME_ENTITY.slice(0, -1), certificates: [signing] }));
    const { code, report } = await check(fx.file);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.code)).toEqual(['tenants.shared-entity-id']);
    expect(report.findings[0]?.message).toContain(
      `is tenants[0] (tenant 'acme')'s '${ACME_ENTITY}' written differently`,
    );
  });

  it("refuses another tenant's signing certificate under a new entityID", async () => {
    const fx = twoTenantFixture();
    const stolen = certificateAround(NOW, -30, 365, {
      commonName: 'ADFS Signing - adfs.acme.example',
    }).base64;
    fx.metadata('acme.xml', idpMetadata({ entityId: ACME_ENTITY, certificates: [stolen] }));
    fx.metadata(
      'globex.xml',
      idpMetadata({
        entityId: 'https://evil.example/idp',
        certificates: [certificateAround(NOW, -30, 365).base64, stolen],
      }),
    );
    const { code, report } = await check(fx.file);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'tenants.shared-signing-certificate',
        where: "tenants[1] (tenant 'globex').idp.metadataFile",
        message: expect.stringMatching(
          /^signing certificate CN=ADFS Signing - adfs.acme.example \(SHA-256 [0-9A-F:]{95}\) also signs for tenants\[0\] \(tenant 'acme'\)/,
        ),
        fix: expect.stringContaining("add 'acme' to idp.sharesSigningCertificateWith"),
      }),
    ]);
  });

  it('allows a shared certificate that the file declares, and flags an allowance naming no tenant', async () => {
    const fx = twoTenantFixture();
    const farm = certificateAround(NOW, -30, 365).base64;
    fx.metadata('acme.xml', idpMetadata({ entityId: 'https://adfs.corp.example/a', certificates: [farm] }));
    fx.metadata('globex.xml', idpMetadata({ entityId: 'https://adfs.corp.example/b', certificates: [farm] }));
    const raw = JSON.parse(readFileSync(fx.file, 'utf8'));
    raw.tenants[1].idp.sharesSigningCertificateWith = ['acme'];
    raw.tenants[0].idp.sharesSigningCertificateWith = ['initech'];
    writeFileSync(fx.file, JSON.stringify(raw));
    const { code, report } = await check(fx.file);
    expect(code).toBe(0);
    expect(report.findings.map((f) => [f.severity, f.code, f.where])).toEqual([
      [
        'warning',
        'tenants.unknown-certificate-allowance',
        "tenants[0] (tenant 'acme').idp.sharesSigningCertificateWith",
      ],
    ]);
  });

  it('does not count a certificate listed twice in one document as shared', async () => {
    const fx = twoTenantFixture();
    const once = certificateAround(NOW, -30, 365).base64;
    fx.metadata('acme.xml', idpMetadata({ entityId: ACME_ENTITY, certificates: [once, once] }));
    expect((await check(fx.file)).report.findings).toEqual([]);
  });
});
