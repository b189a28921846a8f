/** SAML IdP metadata documents for tests, built from parts so each test changes one thing. */
export interface MetadataParts {
  readonly entityId?: string;
  readonly certificates?: readonly string[];
  readonly ssoBinding?: string;
  readonly ssoLocation?: string;
  readonly singleLogout?: boolean;
  readonly validUntil?: string;
  /** Namespace URI used for the md: prefix (default the SAML metadata namespace). */
  readonly metadataNamespace?: string;
  readonly keyUse?: string | null;
}

export const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export function idpMetadata(parts: MetadataParts = {}): string {
  const use =
    parts.keyUse === undefined ? ' use="signing"' : parts.keyUse === null ? '' : ` use="${parts.keyUse}"`;
  const keys = (parts.certificates ?? [])
    .map(
      (cert) => `    <md:KeyDescriptor${use}>
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>${cert.match(/.{1,64}/g)?.join('\n') ?? ''}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>`,
    )
    .join('\n');
  const slo = parts.singleLogout
    ? `\n    <md:SingleLogoutService Binding="${REDIRECT}" Location="https://idp.example.com/slo"/>`
    : '';
  const validUntil = parts.validUntil === undefined ? '' : ` validUntil="${parts.validUntil}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${parts.metadataNamespace ?? 'urn:oasis:names:tc:SAML:2.0:metadata'}" entityID="${parts.entityId ?? 'https://idp.example.com/entity'}"${validUntil}>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
${keys}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>${slo}
    <md:SingleSignOnService Binding="${parts.ssoBinding ?? REDIRECT}" Location="${parts.ssoLocation ?? 'https://idp.example.com/sso'}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}
