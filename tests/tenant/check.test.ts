import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '@cognito-tenancy/tenant-tool/cli-io';
import { describe, expect, it, jest } from '@jest/globals';
import {
  dedicatedTenant,
  environment,
  fixture,
  goodMetadata,
  NOW,
  run,
  sharedTenant,
  twoTenantFixture,
} from './helpers/environment';
import { idpMetadata } from './helpers/metadata';
import { certificateAround } from './helpers/x509';

interface JsonReport {
  ok: boolean;
  errors: number;
  warnings: number;
  findings: Array<{ severity: string; code: string; where: string; message: string; fix?: string }>;
  tenants: Array<{ id: string; metadata: { reviewed: boolean; summary?: { entityId: string } } }>;
}

async function checkJson(file: string, extra: string[] = [], fetchMetadata?: CliIo['fetchMetadata']) {
  const result = await run(['check', file, '--json', ...extra], fetchMetadata ? { fetchMetadata } : {});
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

const codes = (report: JsonReport) => report.findings.map((f) => f.code);

describe('tenant check', () => {
  it('passes a good file and lists each tenant with its IdP entity and certificate expiry', async () => {
    const result = await run(['check', twoTenantFixture().file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /acme +http:\/\/www\.okta\.com\/acme; signing certificate\(s\) valid until 2027-06-01 \(365 days\)/,
    );
    expect(result.stdout).toContain('0 error(s), 0 warning(s), 0 note(s)');
  });

  it('fails an expired signing certificate, naming the tenant, field and fix', async () => {
    const fx = twoTenantFixture();
    fx.metadata('globex.xml', idpMetadata({ certificates: [certificateAround(NOW, -400, -3).base64] }));
    const { code, report } = await checkJson(fx.file);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'certificate.expired',
        where: "tenants[1] (tenant 'globex').idp.metadataFile",
        fix: expect.stringContaining('current signing certificate'),
      }),
    ]);
  });

  it('warns about a certificate expiring within 30 days, and fails on it with --strict', async () => {
    const fx = twoTenantFixture();
    fx.metadata('acme.xml', idpMetadata({ certificates: [certificateAround(NOW, -300, 12).base64] }));
    const { code, report } = await checkJson(fx.file);
    expect([code, report.ok, report.warnings, codes(report)]).toEqual([0, true, 1, ['certificate.expiring']]);
    expect((await run(['check', fx.file, '--strict'])).code).toBe(1);
  });

  it('rejects one IdP entity ID serving two tenants', async () => {
    const fx = twoTenantFixture();
    fx.metadata('globex.xml', goodMetadata('http://www.okta.com/acme'));
    const { code, report } = await checkJson(fx.file);
    expect(code).toBe(1);
    const finding = report.findings.find((f) => f.code === 'tenants.shared-entity-id');
    expect(finding?.where).toBe("tenants[1] (tenant 'globex').idp.metadataFile");
    expect(finding?.message).toContain("already serves tenants[0] (tenant 'acme')");
  });

  it('rejects two tenants pointing at the same metadata, even unfetched URLs', async () => {
    const url = 'https://idp.example.com/app/metadata';
    const fx = fixture(
      environment([
        dedicatedTenant({ idp: { name: 'A', metadataUrl: url } }),
        sharedTenant({ idp: { name: 'B', metadataUrl: url } }),
      ]),
    );
    const { code, report } = await checkJson(fx.file);
    expect(code).toBe(1);
    expect(codes(report)).toEqual([
      'metadata.not-fetched',
      'metadata.not-fetched',
      'tenants.shared-metadata',
    ]);
  });

  it('reports registry validation problems (duplicates included) as findings that name the field', async () => {
    const fx = fixture(environment([dedicatedTenant(), sharedTenant({ hosts: ['acme.app.example.com'] })]));
    const { code, report } = await checkJson(fx.file);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'environment.invalid',
        where: "tenants[1] (tenant 'globex')",
        message: "host 'acme.app.example.com' is already used by tenants[0] (tenant 'acme')",
      }),
    ]);
  });

  it('does not fetch URL metadata unless asked, and then uses the deadline it was given', async () => {
    const url = 'https://login.globex.example/federationmetadata.xml';
    const fx = fixture(
      environment([dedicatedTenant(), sharedTenant({ idp: { name: 'G', metadataUrl: url } })]),
    );
    fx.metadata('acme.xml', goodMetadata('http://www.okta.com/acme'));
    const fetcher = jest.fn<CliIo['fetchMetadata']>(async () =>
      Buffer.from(goodMetadata('https://sts.windows.net/g/')),
    );

    const offline = await checkJson(fx.file, [], fetcher);
    expect(fetcher).not.toHaveBeenCalled();
    expect(offline.report.findings).toEqual([
      expect.objectContaining({ severity: 'info', code: 'metadata.not-fetched' }),
    ]);
    expect(offline.code).toBe(0);

    const online = await checkJson(fx.file, ['--fetch', '--timeout', '1500'], fetcher);
    expect(fetcher).toHaveBeenCalledWith(url, { timeoutMs: 1500 });
    expect(online.report.tenants[1]?.metadata.summary?.entityId).toBe('https://sts.windows.net/g/');
    expect(online.report.findings).toEqual([]);
  });

  it('reports a failed download as an error for that tenant', async () => {
    const fx = fixture(
      environment([sharedTenant({ idp: { name: 'G', metadataUrl: 'https://x.example/m' } })]),
    );
    const { MetadataLoadError } = await import('@cognito-tenancy/tenant-tool/metadata/load');
    const { code, report } = await checkJson(fx.file, ['--fetch'], async () => {
      throw new MetadataLoadError('timeout', 'https://x.example did not answer within 10000 ms');
    });
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({
      code: 'metadata.timeout',
      where: "tenants[0] (tenant 'globex').idp.metadataUrl",
    });
  });

  it('refuses hostile metadata (XXE) without reading the referenced file', async () => {
    const fx = twoTenantFixture();
    const secret = fx.metadata('secret.txt', 'TOP-SECRET-MARKER');
    fx.metadata(
      'acme.xml',
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file://${secret}">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&e;"/>`,
    );
    const result = await run(['check', fx.file, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('TOP-SECRET-MARKER');
    expect(codes(JSON.parse(result.stdout))).toEqual(['xml.doctype']);
  });

  it('refuses a metadata file over 1 MB and an empty one', async () => {
    const fx = twoTenantFixture();
    fx.metadata('acme.xml', Buffer.alloc(1024 * 1024 + 1, 0x20));
    fx.metadata('globex.xml', '');
    const { report } = await checkJson(fx.file);
    expect(codes(report)).toEqual(['metadata.too-large', 'xml.malformed']);
  });

  it('fails metadata outside the environment directory, as infra does', async () => {
    const fx = fixture(environment([dedicatedTenant({ idp: { name: 'A', metadataFile: '../acme.xml' } })]));
    writeFileSync(join(fx.dir, '..', 'acme.xml'), goodMetadata());
    const { code, report } = await checkJson(fx.file);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.severity, f.code])).toEqual([
      ['error', 'metadata.outside-environment'],
    ]);
  });

  it('fails a metadata file that leaves the directory through a symlink', async () => {
    const fx = twoTenantFixture();
    const outside = join(fx.dir, '..', `outside-${Date.now()}.xml`);
    writeFileSync(outside, goodMetadata('http://www.okta.com/other'));
    rmSync(join(fx.dir, 'metadata', 'acme.xml'));
    symlinkSync(outside, join(fx.dir, 'metadata', 'acme.xml'));
    expect(codes((await checkJson(fx.file)).report)).toEqual(['metadata.outside-environment']);
  });

  it('fails metadata longer than Cognito accepts (131,072 characters)', async () => {
    const fx = twoTenantFixture();
    const padded = goodMetadata('http://www.okta.com/acme').replace(
      '<md:IDPSSODescriptor',
      `<!--${' '.repeat(131_072)}--><md:IDPSSODescriptor`,
    );
    fx.metadata('acme.xml', padded);
    expect(codes((await checkJson(fx.file)).report)).toEqual(['metadata.too-long-for-cognito']);
  });

  it('warns about an email domain covered by another tenant with includeSubdomains', async () => {
    const fx = twoTenantFixture();
    const raw = JSON.parse(readFileSync(fx.file, 'utf8'));
    raw.tenants[0].includeSubdomains = true;
    raw.tenants[1].emailDomains = ['eu.acme.com'];
    writeFileSync(fx.file, JSON.stringify(raw));
    const { code, report } = await checkJson(fx.file);
    expect(code).toBe(0);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'tenants.overlapping-domains',
        where: "tenants[1] (tenant 'globex').emailDomains",
      }),
    ]);
  });

  it('prints every finding with its fix in the text report', async () => {
    const fx = twoTenantFixture();
    fx.metadata('globex.xml', idpMetadata({ certificates: [certificateAround(NOW, -400, -3).base64] }));
    const result = await run(['check', fx.file]);
    expect(result.stdout).toMatch(
      /error {3}tenants\[1\] \(tenant 'globex'\)\.idp\.metadataFile: signing certificate 1 .* expired on/,
    );
    expect(result.stdout).toMatch(/\n {8}fix: ask the IdP admin/);
    expect(result.stdout).toContain('1 error(s), 0 warning(s)');
  });

  it('shows control characters from metadata as ?, so a terminal cannot be tricked', async () => {
    const fx = twoTenantFixture();
    // XML forbids ESC even as a reference, but allows the C1 control CSI (U+009B).
    fx.metadata('globex.xml', goodMetadata('http://www.okta.com/acme&#x9b;2J'));
    const result = await run(['check', fx.file]);
    expect(result.stdout).not.toContain('\u009b');
    expect(result.stdout).toContain('http://www.okta.com/acme?2J');
  });
});
