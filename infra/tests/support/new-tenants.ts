/** The two tenants the onboarding tests add to an environment file (issue #21). */

export type RawEnvironment = { tenants: Record<string, unknown>[] } & Record<string, unknown>;

/** One dedicated tenant, and one shared tenant on the hosts the shared tenants already use. */
export function withNewTenants(raw: RawEnvironment): RawEnvironment {
  const environment = String(raw.environment);
  const shared = raw.tenants.find((tenant) => tenant.pattern === 'shared');
  return {
    ...raw,
    tenants: [
      ...raw.tenants,
      {
        id: 'newco',
        displayName: 'Newco',
        pattern: 'dedicated',
        hosts: [`newco.${environment}.example.com`],
        emailDomains: ['newco.example'],
        idp: { name: 'NewcoOkta', metadataUrl: 'https://newco.okta.example/app/exk1newco/sso/saml/metadata' },
        groups: { allow: ['Admins'], admin: 'Admins' },
        pool: { domainPrefix: `ct-${environment}-newco`, featurePlan: 'ESSENTIALS' },
      },
      {
        id: 'sharedco',
        displayName: 'Sharedco',
        pattern: 'shared',
        emailDomains: ['sharedco.example'],
        idp: { name: 'SharedcoEntra', metadataUrl: 'https://login.sharedco.example/federationmetadata.xml' },
        groups: { allow: ['users'], admin: 'users' },
        // New callback hosts would land on the shared client too (the same coupling).
        callbackUrls: shared?.callbackUrls,
        logoutUrls: shared?.logoutUrls,
      },
    ],
  };
}
