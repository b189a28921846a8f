/**
 * Issue #22: documents shaped like real IdP metadata that the review misread or refused.
 * Each test builds its document (helpers/idp-documents.ts) and pins the outcome.
 */

import { reviewMetadata } from '@cognito-tenancy/tenant-tool/metadata/saml-metadata';
import { describe, expect, it } from '@jest/globals';
import { NOW, run, twoTenantFixture } from './helpers/environment';
import {
  adfsMetadata,
  aggregate,
  entraMetadata,
  googleMetadata,
  shibbolethIdp,
  spEntity,
} from './helpers/idp-documents';
import { certificateAround } from './helpers/x509';

const valid = () =>
  certificateAround(NOW, -30, 365, { commonName: 'ADFS Signing - adfs.contoso.example' }).base64;
const review = (xml: string | Uint8Array) => reviewMetadata(xml, { now: NOW, signOut: false });
const outcome = (xml: string | Uint8Array) => review(xml).issues.map((i) => [i.severity, i.code]);

describe('real-shaped metadata (#22)', () => {
  it('reads AD FS metadata (signed, WS-Fed roles, SP role) with no findings', () => {
    const result = review(adfsMetadata({ signing: valid(), encryption: valid() }));
    expect(result.issues).toEqual([]);
    expect(result.summary?.entityId).toBe('http://adfs.contoso.example/adfs/services/trust');
    expect(result.summary?.certificates).toHaveLength(1);
  });

  it('2: reads an xml-stylesheet instruction after the declaration', () => {
    const xml = adfsMetadata({
      signing: valid(),
      declaration:
        '<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/xsl" href="metadata.xsl"?>\n',
    });
    expect(outcome(xml)).toEqual([]);
  });

  it('3: reads an all-ASCII document declaring ISO-8859-1, and refuses one it would misread', () => {
    const ascii = adfsMetadata({
      signing: valid(),
      declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
    });
    expect(outcome(Buffer.from(ascii, 'latin1'))).toEqual([]);
    const accented = ascii.replace('E-Mail Address', 'Adresse électronique');
    expect(outcome(Buffer.from(accented, 'latin1'))).toEqual([['error', 'xml.unsupported-encoding']]);
  });

  it('4: takes an HTTPS:// sign-on Location as https (schemes are case-insensitive)', () => {
    const xml = adfsMetadata({ signing: valid(), ssoLocation: 'HTTPS://ADFS.contoso.example/adfs/ls/' });
    expect(outcome(xml)).toEqual([]);
    expect(
      outcome(adfsMetadata({ signing: valid(), ssoLocation: 'https:adfs.contoso.example/adfs/ls/' })),
    ).toEqual([['error', 'metadata.insecure-sso']]);
  });

  it('5: finds the one IdP in nested EntitiesDescriptor groups beside service providers', () => {
    const idp = shibbolethIdp({ signing: valid() });
    const nested = aggregate(
      [spEntity('https://sp1.example.org'), spEntity('https://sp2.example.org')],
      [idp],
    );
    const result = review(nested);
    expect(result.issues).toEqual([]);
    expect(result.summary?.entityId).toBe('https://idp.uni.example/idp/shibboleth');
    // Deeper nesting, still one IdP.
    expect(outcome(aggregate([aggregate([idp]).replace(/^<\?xml[^>]*>/, '')]))).toEqual([]);
  });

  it('5: still needs exactly one IdP, and names the ones it found', () => {
    const second = shibbolethIdp({ signing: valid() }).replace(
      'https://idp.uni.example/idp/shibboleth',
      'https://idp.other.example/idp/shibboleth',
    );
    const two = review(
      aggregate([shibbolethIdp({ signing: valid() })], [spEntity('https://sp.example.org'), second]),
    );
    expect(two.issues.map((i) => i.code)).toEqual(['metadata.many-entities']);
    expect(two.issues[0]?.message).toMatch(
      /^metadata lists 2 identity providers \('https:\/\/idp.uni.example\/idp\/shibboleth', 'https:\/\/idp.other.example\/idp\/shibboleth'\)/,
    );
    expect(
      outcome(aggregate([spEntity('https://a.example.org'), spEntity('https://b.example.org')])),
    ).toEqual([['error', 'metadata.no-idp-entity']]);
  });

  it('6: warns, once and naming the binding, about an http sign-on endpoint beside an https one', () => {
    const xml = shibbolethIdp({
      signing: valid(),
      redirectLocation: 'http://idp.uni.example/idp/profile/SAML2/Redirect/SSO',
    });
    const result = review(xml);
    expect(outcome(xml)).toEqual([['warning', 'metadata.insecure-sso-ignored']]);
    expect(result.issues[0]?.message).toBe(
      'SingleSignOnService HTTP-Redirect at http://idp.uni.example/idp/profile/SAML2/Redirect/SSO is not https://; only HTTP-POST at https://idp.uni.example/idp/profile/SAML2/POST/SSO can be used',
    );
  });

  it('6 (#20): reports http on both bindings as one error that names each binding', () => {
    const xml = shibbolethIdp({
      signing: valid(),
      postLocation: 'http://idp.uni.example/POST',
      redirectLocation: 'http://idp.uni.example/Redirect',
    });
    const result = review(xml);
    expect(outcome(xml)).toEqual([['error', 'metadata.insecure-sso']]);
    expect(result.issues[0]?.message).toBe(
      'no SingleSignOnService has an https:// Location (HTTP-POST at http://idp.uni.example/POST; HTTP-Redirect at http://idp.uni.example/Redirect)',
    );
  });

  it('6: passes a key rollover (expired and valid signing keys, as Google publishes) with a warning', () => {
    const old = certificateAround(NOW, -1500, -20, { commonName: 'Google' }).base64;
    const current = certificateAround(NOW, -20, 1800, { commonName: 'Google' }).base64;
    const result = review(googleMetadata([old, current]));
    expect(outcome(googleMetadata([old, current]))).toEqual([
      ['warning', 'certificate.expired-beside-valid'],
    ]);
    expect(result.issues[0]?.message).toMatch(
      /^signing certificate 1 \(CN=Google\) expired on 2026-05-12T12:00:00.000Z; signing certificate 2 \(CN=Google\) is valid until 2031-05-06T12:00:00.000Z, so sign-in works \(key rollover\)$/,
    );
    expect(result.summary?.certificates).toHaveLength(2);
    // Only the expired one: sign-in fails.
    expect(outcome(googleMetadata([old]))).toEqual([['error', 'certificate.expired']]);
  });

  it('6: a key rollover document passes tenant check, with the warning in the report', async () => {
    const fx = twoTenantFixture();
    const old = certificateAround(NOW, -1500, -20, { commonName: 'Google' }).base64;
    const current = certificateAround(NOW, -20, 1800, { commonName: 'Google' }).base64;
    fx.metadata('globex.xml', googleMetadata([old, current]));
    const result = await run(['check', fx.file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /warning tenants\[1\] \(tenant 'globex'\)\.idp\.metadataFile: signing certificate 1 \(CN=Google\) expired on .*so sign-in works \(key rollover\)/,
    );
    expect(result.stdout).toContain('0 error(s), 1 warning(s)');
    expect((await run(['check', fx.file, '--strict'])).code).toBe(1);
  });

  it('7: says the KeyInfo is in the wrong namespace instead of "no signing certificate"', () => {
    const xml = adfsMetadata({ signing: valid(), keyInfoNs: 'http://www.w3.org/2000/09/xmldsig' });
    const result = review(xml);
    expect(outcome(xml)).toEqual([['error', 'metadata.signing-key-namespace']]);
    expect(result.issues[0]?.message).toBe(
      'the signing KeyDescriptor has a KeyInfo in namespace http://www.w3.org/2000/09/xmldsig, not in the XML signature namespace http://www.w3.org/2000/09/xmldsig#, so its certificate cannot be read',
    );
    const adfs = adfsMetadata({ signing: valid() });
    const idpRole = adfs.indexOf('<IDPSSODescriptor');
    const keyValueOnly =
      adfs.slice(0, idpRole) +
      adfs.slice(idpRole).replace(/<X509Data>[\s\S]*?<\/X509Data>/, '<KeyName>adfs</KeyName>');
    expect(review(keyValueOnly).issues.map((i) => i.message)).toEqual([
      'the KeyInfo of the signing KeyDescriptor has no X509Data (found: KeyName); Cognito needs the certificate itself',
    ]);
  });

  it("8: flags Entra's tenant-independent document by its {tenantid} placeholder", () => {
    const result = review(entraMetadata(valid()));
    expect(outcome(entraMetadata(valid()))).toEqual([['error', 'metadata.placeholder']]);
    expect(result.issues[0]?.message).toBe(
      "entityID 'https://sts.windows.net/{tenantid}/' contains the placeholder '{tenantid}': this is a template, not the metadata of one IdP",
    );
    expect(outcome(entraMetadata(valid(), '72f988bf-86f1-41af-91ab-2d7cd011db47'))).toEqual([]);
  });

  it('9: reviews an Entra download with its byte order mark as the text infra sends', () => {
    const bytes = Buffer.from(entraMetadata(valid(), '72f988bf-86f1-41af-91ab-2d7cd011db47'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(outcome(bytes)).toEqual([]);
  });
});
