/**
 * The SAML provider details of a tenant's IdP: its metadata (a URL Cognito fetches, or a
 * file from the repository embedded at synth) and the options we fix for every tenant.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Tenant } from '@cognito-tenancy/registry/environment';
import {
  COGNITO_MAX_METADATA_CHARS,
  MetadataTextError,
  metadataText,
} from '@cognito-tenancy/registry/saml-metadata-text';

/** Cognito accepts metadata documents up to 131,072 characters. */
export const MAX_METADATA_CHARS = COGNITO_MAX_METADATA_CHARS;

/** A metadata file that cannot be used; the message names the file, tenant and field. */
export class MetadataFileError extends Error {
  override readonly name = 'MetadataFileError';
}

function readMetadata(tenant: Tenant, baseDir: string, source: string): string {
  const file = tenant.idp.metadataFile ?? '';
  const where = `${source}: tenant '${tenant.id}' idp.metadataFile '${file}'`;
  let path: string;
  let bytes: Buffer;
  try {
    path = realpathSync(resolve(baseDir, file));
    bytes = readFileSync(path);
  } catch (error) {
    throw new MetadataFileError(`${where}: cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
  const inside = relative(realpathSync(baseDir), path);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new MetadataFileError(`${where}: must be inside the environment file's directory`);
  }
  let text: string;
  try {
    // The same decoding `tenant check` reviews (BOM removed, UTF-8 only): Cognito gets what was checked.
    text = metadataText(bytes);
  } catch (error) {
    if (!(error instanceof MetadataTextError)) throw error;
    throw new MetadataFileError(`${where}: ${error.message}`);
  }
  if (text.length > MAX_METADATA_CHARS) {
    throw new MetadataFileError(`${where}: ${text.length} characters, Cognito accepts ${MAX_METADATA_CHARS}`);
  }
  if (!/<(?:\w+:)?EntityDescriptor[\s>]/.test(text) || !/<(?:\w+:)?IDPSSODescriptor[\s>]/.test(text)) {
    throw new MetadataFileError(
      `${where}: not SAML IdP metadata (no EntityDescriptor with an IDPSSODescriptor)`,
    );
  }
  return text;
}

/** `provider_details` of the tenant's SAML IdP. */
export function samlProviderDetails(tenant: Tenant, baseDir: string, source: string): Record<string, string> {
  const metadata: Record<string, string> =
    tenant.idp.metadataUrl !== undefined
      ? { MetadataURL: tenant.idp.metadataUrl }
      : { MetadataFile: readMetadata(tenant, baseDir, source) };
  return {
    ...metadata,
    IDPSignout: String(tenant.idp.signOut),
    // IdP-initiated sign-in skips the request Cognito can bind to a session: off.
    IDPInit: 'false',
  };
}

/** Provider details AWS fills in after creation; ignored so plans stay clean (see README). */
export function computedProviderDetails(tenant: Tenant): string[] {
  const keys = ['ActiveEncryptionCertificate', 'SLORedirectBindingURI', 'SSORedirectBindingURI'];
  if (tenant.idp.metadataUrl !== undefined) keys.push('MetadataFile');
  return keys.map((key) => `provider_details["${key}"]`);
}

/** Cognito attribute mapping: user pool attribute -> SAML attribute. */
export function samlAttributeMapping(tenant: Tenant): Record<string, string> {
  const m = tenant.idp.attributeMapping;
  return {
    email: m.email,
    ...(m.given_name === undefined ? {} : { given_name: m.given_name }),
    ...(m.family_name === undefined ? {} : { family_name: m.family_name }),
    ...(m.groups === undefined ? {} : { 'custom:groups': m.groups }),
  };
}
