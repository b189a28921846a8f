/**
 * The ACS's validation of a SAML Response, from the attacker's side: every forged, foreign,
 * stale, replayed, wrapped or malformed Response is refused with its own reason, and never
 * with an exception other than a SamlResponseError. The honest Response passes, so each
 * case can fail.
 */

import { type SamlRefusal, SamlResponseError } from '@cognito-tenancy/local-stack/saml/saml-errors';
import { assertionXml, responseXml, signAssertion } from '@cognito-tenancy/local-stack/saml/signed-response';
import {
  type ExpectedResponse,
  MAX_RESPONSE_BASE64,
  type ReplayCache,
  validateResponse,
} from '@cognito-tenancy/local-stack/saml/validate-response';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { SignedXml } from 'xml-crypto';
import { ACS_URL, base64, input, makeIdp, POOL_ID, REQUEST_ID, signedBy, type TestIdp } from './saml-world';

let a: TestIdp;
let b: TestIdp;

beforeAll(() => {
  a = makeIdp('http://login.localhost:4000/local-idp/a');
  b = makeIdp('http://login.localhost:4000/local-idp/b');
});

const memoryReplay = (): ReplayCache & { ids: Map<string, number> } => {
  const ids = new Map<string, number>();
  return { ids, has: (id) => ids.has(id), remember: (id, until) => ids.set(id, until).has(id) };
};

const expected = (overrides: Partial<ExpectedResponse> = {}): ExpectedResponse => ({
  trusted: a.trusted,
  audience: `urn:amazon:cognito:sp:${POOL_ID}`,
  acsUrl: ACS_URL,
  requestId: REQUEST_ID,
  now: Date.now(),
  ...overrides,
});

/** The reason validation refused `response` for; fails the test when it was accepted. */
function refusal(
  response: string,
  options: Partial<ExpectedResponse> = {},
  replay = memoryReplay(),
): SamlRefusal {
  try {
    validateResponse(response, expected(options), replay);
  } catch (error) {
    if (error instanceof SamlResponseError) return error.reason;
    throw error;
  }
  throw new Error('the response was accepted');
}

describe('an honest Response', () => {
  it('is accepted, with the NameID and every attribute value read from the signed assertion', () => {
    const replay = memoryReplay();
    const result = validateResponse(base64(signedBy(a, input(a))), expected(), replay);
    expect(result.nameId).toBe('alice@a.example');
    expect(Object.fromEntries(result.attributes)).toEqual({
      email: ['alice@a.example'],
      groups: ['Admins', 'Readers'],
    });
    expect([...replay.ids.keys()]).toEqual([result.assertionId]);
  });

  it('is accepted when the metadata lists a rolled-over certificate first', () => {
    const trusted = {
      ...a.trusted,
      signingCertificates: [...b.trusted.signingCertificates, ...a.trusted.signingCertificates],
    };
    expect(() =>
      validateResponse(base64(signedBy(a, input(a))), expected({ trusted }), memoryReplay()),
    ).not.toThrow();
  });
});

describe('a forged or foreign signature', () => {
  it('refuses an assertion changed after signing (another NameID)', () => {
    const xml = signedBy(a, input(a)).replace(
      '>alice@a.example</saml:NameID>',
      '>admin@a.example</saml:NameID>',
    );
    expect(xml).toContain('admin@a.example');
    expect(refusal(base64(xml))).toBe('signature');
  });

  it("refuses an assertion signed with another tenant's IdP key", () => {
    expect(refusal(base64(signedBy(b, input(a))))).toBe('signature');
  });

  it("refuses a Response of another tenant's IdP (its key, its issuer)", () => {
    expect(refusal(base64(signedBy(b, input(b))))).toBe('signature');
  });

  it('refuses an unsigned assertion', () => {
    expect(refusal(base64(responseXml(input(a), [assertionXml(input(a))])))).toBe('signature');
  });

  it('ignores a certificate the attacker puts in KeyInfo', () => {
    // Signed with b's key, carrying b's certificate: only the metadata's certificates count.
    const assertion = input(a);
    const signer = new SignedXml({
      privateKey: b.certificate.privateKeyPem,
      publicCert: b.certificate.pem,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    signer.addReference({
      xpath: "/*[local-name(.)='Assertion']",
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
    });
    signer.computeSignature(assertionXml(assertion), {
      prefix: 'ds',
      location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
    });
    const xml = responseXml(assertion, [signer.getSignedXml()]);
    expect(xml).toContain('X509Certificate');
    expect(refusal(base64(xml))).toBe('signature');
  });

  it('refuses RSA-SHA1 even when the key is right', () => {
    const signer = new SignedXml({
      privateKey: a.certificate.privateKeyPem,
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    signer.addReference({
      xpath: "/*[local-name(.)='Assertion']",
      digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1',
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
    });
    signer.computeSignature(assertionXml(input(a)), {
      prefix: 'ds',
      location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
    });
    expect(refusal(base64(responseXml(input(a), [signer.getSignedXml()])))).toBe('signature');
  });
});

/** Signs `assertion` with a's key and the given digest, transforms and canonicalization. */
function signedWith(
  assertion: string,
  options: { digest?: string; transforms?: string[]; c14n?: string },
): string {
  const signer = new SignedXml({
    privateKey: a.certificate.privateKeyPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: (options.c14n ?? EXC) as 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    digestAlgorithm: options.digest ?? 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: (options.transforms ?? [ENVELOPED_SIG, EXC]) as never,
  });
  signer.computeSignature(assertion, {
    prefix: 'ds',
    location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return responseXml(input(a), [signer.getSignedXml()]);
}
const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED_SIG = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

describe('pinned signature algorithms', () => {
  it('accepts the pinned set (so each refusal below is about its one change)', () => {
    expect(() =>
      validateResponse(base64(signedWith(assertionXml(input(a)), {})), expected(), memoryReplay()),
    ).not.toThrow();
  });

  it('refuses a SHA-1 reference digest under an RSA-SHA256 signature', () => {
    const xml = signedWith(assertionXml(input(a)), { digest: 'http://www.w3.org/2000/09/xmldsig#sha1' });
    expect(refusal(base64(xml))).toBe('signature');
  });

  it('refuses canonicalization with comments (comment injection splits a NameID)', () => {
    const withComments = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
    expect(refusal(base64(signedWith(assertionXml(input(a)), { c14n: withComments })))).toBe('signature');
    expect(
      refusal(base64(signedWith(assertionXml(input(a)), { transforms: [ENVELOPED_SIG, withComments] }))),
    ).toBe('signature');
  });

  it('refuses a reference without the enveloped-signature transform, or with another transform', () => {
    expect(refusal(base64(signedWith(assertionXml(input(a)), { transforms: [EXC] })))).toBe('signature');
    const inclusive = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
    expect(
      refusal(base64(signedWith(assertionXml(input(a)), { transforms: [ENVELOPED_SIG, inclusive] }))),
    ).toBe('signature');
  });
});

describe('instants', () => {
  it.each([
    ['an offset instead of Z', (t: string) => t.replace('Z', '+00:00')],
    ['no time zone', (t: string) => t.replace('Z', '')],
    ['a date only', (t: string) => t.slice(0, 10)],
  ])('refuses a NotOnOrAfter with %s, even signed', (_name, change) => {
    const honest = assertionXml(input(a));
    const conditions = /<saml:Conditions NotBefore="[^"]+" NotOnOrAfter="([^"]+)"/.exec(honest);
    const value = conditions?.[1] ?? '';
    expect(value).toMatch(/Z$/);
    const changed = honest.replace(
      `Conditions NotBefore="${/NotBefore="([^"]+)"/.exec(honest)?.[1]}" NotOnOrAfter="${value}"`,
      (m) => m.replace(`NotOnOrAfter="${value}"`, `NotOnOrAfter="${change(value)}"`),
    );
    expect(changed).not.toBe(honest);
    expect(refusal(base64(signedWith(changed, {})))).toBe('malformed');
  });
});

describe('signature wrapping', () => {
  const forged = () => assertionXml(input(a, { nameId: 'admin@a.example', assertionId: '_forged' }));

  it('refuses a forged assertion beside the signed one', () => {
    const signed = signAssertion(assertionXml(input(a)), a.certificate.privateKeyPem);
    expect(refusal(base64(responseXml(input(a), [forged(), signed])))).toBe('wrapped');
  });

  it('refuses the signed assertion hidden in Extensions behind a forged one', () => {
    const signed = signAssertion(assertionXml(input(a)), a.certificate.privateKeyPem);
    const xml = responseXml(input(a), [forged()]).replace(
      '<samlp:Status>',
      `<samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`,
    );
    expect(refusal(base64(xml))).toBe('wrapped');
  });

  it("refuses a forged assertion carrying the signed one's Signature, the original inside it", () => {
    const signed = signAssertion(
      assertionXml(input(a, { assertionId: '_genuine' })),
      a.certificate.privateKeyPem,
    );
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)?.[0] ?? '';
    const wrapper = assertionXml(input(a, { nameId: 'admin@a.example', assertionId: '_genuine2' })).replace(
      '</saml:Issuer>',
      `</saml:Issuer>${signature.replace('</ds:Signature>', `<ds:Object>${signed}</ds:Object></ds:Signature>`)}`,
    );
    expect(refusal(base64(responseXml(input(a), [wrapper])))).toBe('wrapped');
  });

  it('refuses a signed assertion whose ID was changed (the Reference no longer names it)', () => {
    const signed = signAssertion(
      assertionXml(input(a, { assertionId: '_genuine' })),
      a.certificate.privateKeyPem,
    );
    const moved = signed.replace('ID="_genuine"', 'ID="_other"');
    expect(['signature', 'wrapped']).toContain(refusal(base64(responseXml(input(a), [moved]))));
  });
});

describe('conditions of use', () => {
  it('refuses an expired assertion', () => {
    const stale = input(a, { now: Date.now() - 20 * 60_000 });
    expect(refusal(base64(signedBy(a, stale)))).toBe('expired');
  });

  it('refuses an assertion not valid yet (beyond the skew)', () => {
    const future = input(a, { now: Date.now() + 10 * 60_000 });
    expect(refusal(base64(signedBy(a, future)))).toBe('expired');
  });

  it('accepts a clock one minute behind within the skew, not beyond', () => {
    const honest = base64(signedBy(a, input(a, { lifetimeMs: 60_000 })));
    expect(() =>
      validateResponse(honest, expected({ now: Date.now() + 90_000 }), memoryReplay()),
    ).not.toThrow();
    expect(refusal(honest, { now: Date.now() + 3 * 60_000 })).toBe('expired');
  });

  it('refuses an assertion for another user pool (audience)', () => {
    expect(refusal(base64(signedBy(a, input(a, { audience: 'urn:amazon:cognito:sp:local_Other999' }))))).toBe(
      'audience',
    );
  });

  it('refuses an assertion for another ACS (recipient)', () => {
    expect(
      refusal(base64(signedBy(a, input(a, { recipient: 'http://evil.localhost/saml2/idpresponse' })))),
    ).toBe('recipient');
  });

  it('refuses an answer to another sign-in (InResponseTo)', () => {
    expect(refusal(base64(signedBy(a, input(a, { inResponseTo: '_someone-elses' }))))).toBe('in-response-to');
  });

  it("refuses another issuer, even signed with this IdP's key", () => {
    expect(refusal(base64(signedBy(a, input(a, { issuer: 'http://evil.example/idp' }))))).toBe('issuer');
  });

  it('refuses a replayed assertion', () => {
    const replay = memoryReplay();
    const once = base64(signedBy(a, input(a)));
    validateResponse(once, expected(), replay);
    expect(refusal(once, {}, replay)).toBe('replayed');
  });

  it('remembers nothing from a refused Response', () => {
    const replay = memoryReplay();
    refusal(base64(signedBy(a, input(a, { audience: 'urn:amazon:cognito:sp:other' }))), {}, replay);
    expect(replay.ids.size).toBe(0);
  });
});

describe('malformed input', () => {
  it.each([
    ['empty', ''],
    ['not base64', '<samlp:Response/>'],
    ['base64 of text', base64('hello')],
    ['another root', base64('<foo xmlns="urn:x"/>')],
    [
      'a DOCTYPE (entity expansion)',
      base64(
        '<!DOCTYPE r [<!ENTITY e "x">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>',
      ),
    ],
    ['oversized', 'A'.repeat(MAX_RESPONSE_BASE64 + 4)],
  ])('refuses %s as malformed', (_name, response) => {
    expect(refusal(response)).toBe('malformed');
  });

  it('refuses a Response whose status is not Success', () => {
    const xml = signedBy(a, input(a)).replace('status:Success', 'status:Requester');
    expect(refusal(base64(xml))).toBe('status');
  });
});
