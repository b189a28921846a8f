import { reviewMetadata } from '@cognito-tenancy/tenant-tool/metadata/saml-metadata';
import { describe, expect, it } from '@jest/globals';
import { NOW } from './helpers/environment';
import { idpMetadata, POST, REDIRECT } from './helpers/metadata';
import { certificateAround } from './helpers/x509';

const cert = () => certificateAround(NOW, -30, 365).base64;
const review = (xml: string, signOut = false) => reviewMetadata(xml, { now: NOW, signOut });
const codes = (xml: string, signOut = false) => review(xml, signOut).issues.map((i) => i.code);

describe('reviewMetadata', () => {
  it('reads the entity ID, sign-on endpoints and signing certificates', () => {
    const result = review(
      idpMetadata({
        entityId: 'http://www.okta.com/exk1',
        certificates: [cert(), cert()],
        singleLogout: true,
      }),
    );
    expect(result.issues).toEqual([]);
    expect(result.summary).toMatchObject({
      entityId: 'http://www.okta.com/exk1',
      singleSignOn: [{ binding: REDIRECT, location: 'https://idp.example.com/sso' }],
      singleLogout: [{ binding: REDIRECT, location: 'https://idp.example.com/slo' }],
    });
    expect(result.summary?.certificates).toHaveLength(2);
  });

  it('accepts the HTTP-POST binding and a KeyDescriptor without use', () => {
    expect(review(idpMetadata({ certificates: [cert()], ssoBinding: POST, keyUse: null })).issues).toEqual(
      [],
    );
  });

  it('ignores encryption-only keys when looking for a signing certificate', () => {
    expect(codes(idpMetadata({ certificates: [cert()], keyUse: 'encryption' }))).toEqual([
      'metadata.no-signing-certificate',
    ]);
  });

  it('refuses metadata in the wrong namespace instead of half-reading it', () => {
    const xml = idpMetadata({
      certificates: [cert()],
      metadataNamespace: 'urn:oasis:names:tc:SAML:1.0:metadata',
    });
    const result = review(xml);
    expect(result.issues.map((i) => i.code)).toEqual(['metadata.not-saml-metadata']);
    expect(result.issues[0]?.message).toContain('namespace urn:oasis:names:tc:SAML:1.0:metadata');
    expect(result.summary).toBeUndefined();
  });

  it('refuses a document that is not metadata at all', () => {
    expect(codes('<html><body>Sign in</body></html>')).toEqual(['metadata.not-saml-metadata']);
  });

  it('explains service-provider metadata given by mistake', () => {
    const sp = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:amazon:cognito:sp:eu-west-1_x">
      <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>`;
    const result = review(sp);
    expect(result.issues[0]?.code).toBe('metadata.no-idp-descriptor');
    expect(result.issues[0]?.message).toMatch(/service provider/);
  });

  it('needs SAML 2.0 in protocolSupportEnumeration', () => {
    const xml = idpMetadata({ certificates: [cert()] }).replace(
      'urn:oasis:names:tc:SAML:2.0:protocol',
      'urn:oasis:names:tc:SAML:1.1:protocol',
    );
    expect(codes(xml)).toEqual(['metadata.no-idp-descriptor']);
  });

  it('takes one entity out of an EntitiesDescriptor and refuses several', () => {
    const one = idpMetadata({ certificates: [cert()] }).replace('<?xml version="1.0" encoding="UTF-8"?>', '');
    const wrap = (inner: string) =>
      `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}</md:EntitiesDescriptor>`;
    expect(review(wrap(one)).summary?.entityId).toBe('https://idp.example.com/entity');
    expect(codes(wrap(one + one))).toEqual(['metadata.many-entities']);
  });

  it('requires an entity ID of at most 1024 characters', () => {
    expect(codes(idpMetadata({ certificates: [cert()], entityId: '' }))).toEqual(['metadata.no-entity-id']);
    expect(codes(idpMetadata({ certificates: [cert()], entityId: `https://x/${'a'.repeat(1100)}` }))).toEqual(
      ['metadata.entity-id-too-long'],
    );
  });

  it('requires a sign-on endpoint with a binding Cognito can use, over https', () => {
    const soap = review(
      idpMetadata({ certificates: [cert()], ssoBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:SOAP' }),
    );
    expect(soap.issues.map((i) => i.code)).toEqual(['metadata.no-supported-sso']);
    expect(soap.issues[0]?.message).toContain('found: SOAP');
    expect(codes(idpMetadata({ certificates: [cert()], ssoLocation: 'http://idp.example.com/sso' }))).toEqual(
      ['metadata.insecure-sso'],
    );
  });

  it('needs a logout endpoint when the tenant signs users out of the IdP', () => {
    expect(codes(idpMetadata({ certificates: [cert()] }), true)).toEqual(['metadata.no-single-logout']);
    expect(codes(idpMetadata({ certificates: [cert()], singleLogout: true }), true)).toEqual([]);
  });

  it('reports expired and expiring signing certificates', () => {
    const expired = certificateAround(NOW, -400, -2).base64;
    const expiring = certificateAround(NOW, -400, 10).base64;
    // The expiring one is still valid, so the expired one beside it is a rollover warning.
    expect(review(idpMetadata({ certificates: [expired, expiring] })).issues.map((i) => i.severity)).toEqual([
      'warning',
      'warning',
    ]);
    expect(
      codes(idpMetadata({ certificates: [expired, certificateAround(NOW, -900, -500).base64] })),
    ).toEqual(['certificate.expired', 'certificate.expired']);
  });

  it('fails when no signing certificate is valid yet', () => {
    expect(codes(idpMetadata({ certificates: [certificateAround(NOW, 3, 400).base64] }))).toEqual([
      'certificate.not-yet-valid',
      'metadata.no-valid-signing-certificate',
    ]);
  });

  it('warns when the metadata validUntil has passed', () => {
    const xml = idpMetadata({ certificates: [cert()], validUntil: '2026-01-01T00:00:00Z' });
    expect(review(xml).issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'metadata.expired']]);
    expect(codes(idpMetadata({ certificates: [cert()], validUntil: '2027-01-01T00:00:00Z' }))).toEqual([]);
    expect(codes(idpMetadata({ certificates: [cert()], validUntil: 'someday' }))).toEqual([
      'metadata.bad-valid-until',
    ]);
  });

  it('turns XML refusals into issues naming the reason', () => {
    const result = review('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'xml.doctype']]);
    expect(codes('<md:EntityDescriptor/>')).toEqual(['xml.unbound-prefix']);
    expect(codes('<md:EntityDescriptor')).toEqual(['xml.malformed']);
  });
});
