/** The two tenants the rehearsal adds to its copy of dev: one dedicated, one shared. */

type RawEnvironment = { tenants: unknown[] } & Record<string, unknown>;

export function addRehearsalTenants(raw: RawEnvironment): RawEnvironment {
  return {
    ...raw,
    tenants: [
      ...raw.tenants,
      {
        id: 'hooli',
        displayName: 'Hooli',
        pattern: 'dedicated',
        hosts: ['hooli.dev.example.com'],
        emailDomains: ['hooli.example'],
        idp: {
          name: 'HooliOkta',
          metadataUrl: 'https://hooli.okta.example/app/exk1hooli/sso/saml/metadata',
        },
        groups: { allow: ['Admins'], admin: 'Admins' },
        pool: { domainPrefix: 'ct-dev-hooli', featurePlan: 'ESSENTIALS' },
      },
      {
        id: 'vandelay',
        displayName: 'Vandelay Industries',
        pattern: 'shared',
        emailDomains: ['vandelay.example'],
        idp: {
          name: 'VandelayEntra',
          metadataUrl: 'https://login.vandelay.example/federationmetadata/2007-06/federationmetadata.xml',
        },
        groups: { allow: ['importers'], admin: 'importers' },
        callbackUrls: ['https://app.dev.example.com/callback'],
        logoutUrls: ['https://app.dev.example.com/'],
      },
    ],
  };
}
