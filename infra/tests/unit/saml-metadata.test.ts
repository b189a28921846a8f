import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tenant } from '@cognito-tenancy/registry/environment';
import { metadataText } from '@cognito-tenancy/registry/saml-metadata-text';
import { describe, expect, it } from '@jest/globals';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import {
  computedProviderDetails,
  MAX_METADATA_CHARS,
  MetadataFileError,
  samlAttributeMapping,
  samlProviderDetails,
} from '../../src/saml-metadata';

const base = {
  id: 'globex',
  idp: {
    name: 'GlobexEntra',
    signOut: false,
    attributeMapping: {
      email: 'mail',
      groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    },
  },
} as unknown as Tenant;
const withFile = (file: string) => ({ ...base, idp: { ...base.idp, metadataFile: file } }) as Tenant;

describe('samlProviderDetails', () => {
  it('embeds a metadata file relative to the environment file, with IdP-initiated sign-in off', () => {
    const details = samlProviderDetails(withFile('metadata/globex-entra.xml'), ENVIRONMENTS_DIR, 'dev.json');
    expect(details).toEqual({
      MetadataFile: readFileSync(join(ENVIRONMENTS_DIR, 'metadata', 'globex-entra.xml'), 'utf8'),
      IDPSignout: 'false',
      IDPInit: 'false',
    });
  });

  it('embeds the text tenant check reviewed: an Entra download loses its byte order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-bom-'));
    mkdirSync(join(dir, 'metadata'));
    const xml =
      '<md:EntityDescriptor entityID="https://sts.windows.net/t/"><md:IDPSSODescriptor protocolSupportEnumeration="x"/></md:EntityDescriptor>';
    writeFileSync(
      join(dir, 'metadata', 'entra.xml'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]),
    );
    const details = samlProviderDetails(withFile('metadata/entra.xml'), dir, 'env.json');
    expect(details.MetadataFile).toBe(xml);
    expect(details.MetadataFile).toBe(metadataText(readFileSync(join(dir, 'metadata', 'entra.xml'))));
  });

  it('passes a metadata URL through', () => {
    const tenant = {
      ...base,
      idp: { ...base.idp, metadataUrl: 'https://idp.example/m', signOut: true },
    } as Tenant;
    expect(samlProviderDetails(tenant, ENVIRONMENTS_DIR, 'dev.json')).toEqual({
      MetadataURL: 'https://idp.example/m',
      IDPSignout: 'true',
      IDPInit: 'false',
    });
  });

  const dir = mkdtempSync(join(tmpdir(), 'ct-meta-'));
  const envDir = join(dir, 'env');
  mkdirSync(join(envDir, 'metadata'), { recursive: true });
  writeFileSync(join(dir, 'outside.xml'), '<EntityDescriptor><IDPSSODescriptor/></EntityDescriptor>');
  symlinkSync(join(dir, 'outside.xml'), join(envDir, 'metadata', 'link.xml'));
  writeFileSync(join(envDir, 'metadata', 'html.xml'), '<html><body>login</body></html>');
  writeFileSync(
    join(envDir, 'metadata', 'latin1.xml'),
    Buffer.from('<EntityDescriptor entityID="café"><IDPSSODescriptor/></EntityDescriptor>', 'latin1'),
  );
  writeFileSync(
    join(envDir, 'metadata', 'huge.xml'),
    `<EntityDescriptor><IDPSSODescriptor/>${'x'.repeat(MAX_METADATA_CHARS)}`,
  );

  it.each([
    ['../outside.xml', "must be inside the environment file's directory"],
    ['metadata/link.xml', "must be inside the environment file's directory"],
    ['metadata/missing.xml', 'cannot read the file (ENOENT)'],
    ['metadata/html.xml', 'not SAML IdP metadata'],
    ['metadata/latin1.xml', 'document is not valid UTF-8; export it as UTF-8'],
    ['metadata/huge.xml', `${MAX_METADATA_CHARS + 37} characters, Cognito accepts ${MAX_METADATA_CHARS}`],
  ])('refuses %s, naming the file, tenant and field', (file, reason) => {
    expect(() => samlProviderDetails(withFile(file), envDir, 'env.json')).toThrow(MetadataFileError);
    expect(() => samlProviderDetails(withFile(file), envDir, 'env.json')).toThrow(
      `env.json: tenant 'globex' idp.metadataFile '${file}': ${reason}`,
    );
  });
});

describe('attribute mapping and drift', () => {
  it('maps groups into custom:groups and never a tenant-defining attribute', () => {
    expect(samlAttributeMapping(base)).toEqual({
      email: 'mail',
      'custom:groups': 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    });
  });

  it('ignores only the details AWS fills in', () => {
    expect(computedProviderDetails(withFile('m.xml'))).toEqual([
      'provider_details["ActiveEncryptionCertificate"]',
      'provider_details["SLORedirectBindingURI"]',
      'provider_details["SSORedirectBindingURI"]',
    ]);
  });
});
