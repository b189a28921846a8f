/**
 * Metadata documents shaped like what real IdPs publish (element order, prefixes, roles,
 * extensions), built here so no third-party file is committed. Certificates are the
 * caller's (base64 DER from ./x509), so each test decides their dates.
 */
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const wrap = (base64: string) => base64.match(/.{1,76}/g)?.join('\r\n') ?? '';

/** A `<KeyDescriptor>` in the default-namespace style of AD FS and Entra (`KeyInfo xmlns=dsig`). */
const keyDescriptor = (use: string, cert: string, keyInfoNs = DS) =>
  `<KeyDescriptor use="${use}"><KeyInfo xmlns="${keyInfoNs}"><X509Data><X509Certificate>${cert}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`;

export interface AdfsParts {
  readonly signing: string;
  readonly encryption?: string;
  /** Location of the sign-on endpoints (AD FS: https://<host>/adfs/ls/). */
  readonly ssoLocation?: string;
  /** Namespace of KeyInfo in the signing KeyDescriptor (a hand edit can lose the `#`). */
  readonly keyInfoNs?: string;
  readonly declaration?: string;
}

/** AD FS FederationMetadata.xml: signed, WS-Fed roles, an SP role, then the IdP role. */
export function adfsMetadata(parts: AdfsParts): string {
  const sso = parts.ssoLocation ?? 'https://adfs.contoso.example/adfs/ls/';
  return `${parts.declaration ?? ''}<EntityDescriptor ID="_2a1b5f1c-0c8e-4c1e-9f3e-6f0f6a1b2c3d" entityID="http://adfs.contoso.example/adfs/services/trust" xmlns="${MD}"><ds:Signature xmlns:ds="${DS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#_2a1b5f1c-0c8e-4c1e-9f3e-6f0f6a1b2c3d"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>q7bY0f3Q2s0=</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>c2lnbmF0dXJl</ds:SignatureValue><KeyInfo xmlns="${DS}"><X509Data><X509Certificate>${parts.signing}</X509Certificate></X509Data></KeyInfo></ds:Signature><RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">${keyDescriptor('signing', parts.signing)}<fed:ClaimTypesOffered><auth:ClaimType Uri="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" Optional="true" xmlns:auth="http://docs.oasis-open.org/wsfed/authorization/200706"><auth:DisplayName>E-Mail Address</auth:DisplayName></auth:ClaimType></fed:ClaimTypesOffered><fed:PassiveRequestorEndpoint><wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:Address>${sso}</wsa:Address></wsa:EndpointReference></fed:PassiveRequestorEndpoint></RoleDescriptor><SPSSODescriptor WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><AssertionConsumerService Binding="${POST}" Location="${sso}" index="0" isDefault="true"/></SPSSODescriptor><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${parts.encryption === undefined ? '' : keyDescriptor('encryption', parts.encryption)}${keyDescriptor('signing', parts.signing, parts.keyInfoNs)}<SingleLogoutService Binding="${REDIRECT}" Location="${sso}"/><SingleLogoutService Binding="${POST}" Location="${sso}"/><NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat><NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat><SingleSignOnService Binding="${REDIRECT}" Location="${sso}"/><SingleSignOnService Binding="${POST}" Location="${sso}"/></IDPSSODescriptor></EntityDescriptor>`;
}

/** Google Workspace's SAML app metadata; during a key rollover it lists two signing keys. */
export function googleMetadata(signing: readonly string[], validUntil = '2031-05-30T12:00:00.000Z'): string {
  const keys = signing
    .map(
      (cert) => `
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="${DS}">
        <ds:X509Data>
          <ds:X509Certificate>${wrap(cert)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<md:EntityDescriptor xmlns:md="${MD}" entityID="https://accounts.google.com/o/saml2?idpid=C01abcde2" validUntil="${validUntil}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="${REDIRECT}" Location="https://accounts.google.com/o/saml2/idp?idpid=C01abcde2"/>
    <md:SingleSignOnService Binding="${POST}" Location="https://accounts.google.com/o/saml2/idp?idpid=C01abcde2"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

/** Entra ID federation metadata; `tenant` is the tenant id, or the `{tenantid}` of the common document. */
export function entraMetadata(signing: string, tenant = '{tenantid}'): string {
  const path = tenant === '{tenantid}' ? 'common' : tenant;
  return `\ufeff<?xml version="1.0" encoding="utf-8"?><EntityDescriptor ID="_f1d2c3b4-a5e6-4789-8abc-def012345678" entityID="https://sts.windows.net/${tenant}/" xmlns="${MD}"><RoleDescriptor xsi:type="fed:ApplicationServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">${keyDescriptor('signing', signing)}<fed:TargetScopes><wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:Address>https://sts.windows.net/${tenant}/</wsa:Address></wsa:EndpointReference></fed:TargetScopes></RoleDescriptor><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptor('signing', signing)}<SingleLogoutService Binding="${REDIRECT}" Location="https://login.microsoftonline.com/${path}/saml2"/><SingleSignOnService Binding="${REDIRECT}" Location="https://login.microsoftonline.com/${path}/saml2"/><SingleSignOnService Binding="${POST}" Location="https://login.microsoftonline.com/${path}/saml2"/></IDPSSODescriptor></EntityDescriptor>`;
}

export interface ShibbolethParts {
  readonly signing: string;
  readonly postLocation?: string;
  readonly redirectLocation?: string;
}

/** A Shibboleth IdP's EntityDescriptor (SAML 1 and 2 roles, scope extension, several bindings). */
export function shibbolethIdp(parts: ShibbolethParts): string {
  return `<EntityDescriptor xmlns="${MD}" xmlns:ds="${DS}" xmlns:shibmd="urn:mace:shibboleth:metadata:1.0" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" entityID="https://idp.uni.example/idp/shibboleth">
    <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol urn:oasis:names:tc:SAML:1.1:protocol urn:mace:shibboleth:1.0">
      <Extensions>
        <shibmd:Scope regexp="false">uni.example</shibmd:Scope>
        <mdui:UIInfo><mdui:DisplayName xml:lang="en">Example University</mdui:DisplayName></mdui:UIInfo>
      </Extensions>
      <KeyDescriptor>
        <ds:KeyInfo>
          <ds:X509Data>
            <ds:X509Certificate>
${wrap(parts.signing)}
            </ds:X509Certificate>
          </ds:X509Data>
        </ds:KeyInfo>
      </KeyDescriptor>
      <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat>
      <SingleSignOnService Binding="urn:mace:shibboleth:1.0:profiles:AuthnRequest" Location="https://idp.uni.example/idp/profile/Shibboleth/SSO"/>
      <SingleSignOnService Binding="${POST}" Location="${parts.postLocation ?? 'https://idp.uni.example/idp/profile/SAML2/POST/SSO'}"/>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST-SimpleSign" Location="https://idp.uni.example/idp/profile/SAML2/POST-SimpleSign/SSO"/>
      <SingleSignOnService Binding="${REDIRECT}" Location="${parts.redirectLocation ?? 'https://idp.uni.example/idp/profile/SAML2/Redirect/SSO'}"/>
    </IDPSSODescriptor>
  </EntityDescriptor>`;
}

/** A service provider's EntityDescriptor, as federation aggregates list beside IdPs. */
export const spEntity = (entityId: string) =>
  `<EntityDescriptor xmlns="${MD}" entityID="${entityId}"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><AssertionConsumerService Binding="${POST}" Location="${entityId}/Shibboleth.sso/SAML2/POST" index="1"/></SPSSODescriptor></EntityDescriptor>`;

/** A federation aggregate: EntitiesDescriptor groups nested inside one another. */
export const aggregate = (...groups: ReadonlyArray<readonly string[]>) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<EntitiesDescriptor xmlns="${MD}" Name="urn:mace:example.org:federation" validUntil="2031-01-01T00:00:00Z">
${groups.map((entities, i) => `  <EntitiesDescriptor Name="group-${i}">\n${entities.join('\n')}\n  </EntitiesDescriptor>`).join('\n')}
</EntitiesDescriptor>`;
