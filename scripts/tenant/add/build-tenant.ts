/**
 * Turns complete answers into the tenant entry written to the file: keys in the schema's
 * order, defaults left out so the file stays short and reviewable.
 */
import type { TenantAnswers } from './fields';

/** The fields `tenant add` cannot do without. */
export const REQUIRED_ANSWERS = ['id', 'displayName', 'pattern', 'emailDomains', 'metadata'] as const;

/** Names of required answers still missing (`metadata` means neither URL nor file). */
export function missingAnswers(answers: TenantAnswers): string[] {
  const missing: string[] = [];
  if (answers.id === undefined) missing.push('id');
  if (answers.displayName === undefined) missing.push('displayName');
  if (answers.pattern === undefined) missing.push('pattern');
  if ((answers.emailDomains ?? []).length === 0) missing.push('emailDomains');
  if (answers.metadataUrl === undefined && answers.metadataFile === undefined) missing.push('metadata');
  return missing;
}

/** The tenant object as JSON. `metadataFile` must already be relative to the environment file. */
export function buildTenant(answers: TenantAnswers): Record<string, unknown> {
  const groups =
    (answers.groups ?? []).length > 0 ||
    (answers.groupPrefixes ?? []).length > 0 ||
    answers.adminGroup !== undefined
      ? {
          allow: answers.groups ?? [],
          prefixes: answers.groupPrefixes ?? [],
          ...(answers.adminGroup === undefined ? {} : { admin: answers.adminGroup }),
        }
      : undefined;
  return {
    id: answers.id,
    displayName: answers.displayName,
    pattern: answers.pattern,
    ...((answers.hosts ?? []).length > 0 ? { hosts: answers.hosts } : {}),
    emailDomains: answers.emailDomains ?? [],
    ...(answers.includeSubdomains ? { includeSubdomains: true } : {}),
    idp: {
      name: answers.idpName ?? answers.id,
      ...(answers.metadataUrl === undefined
        ? { metadataFile: answers.metadataFile }
        : { metadataUrl: answers.metadataUrl }),
    },
    ...(groups === undefined ? {} : { groups }),
    ...((answers.callbackUrls ?? []).length > 0 ? { callbackUrls: answers.callbackUrls } : {}),
    ...((answers.logoutUrls ?? []).length > 0 ? { logoutUrls: answers.logoutUrls } : {}),
    ...(answers.pattern === 'dedicated' && answers.domainPrefix !== undefined
      ? { pool: { domainPrefix: answers.domainPrefix } }
      : {}),
    // Written out, not left to the default: the file says where the tenant is, for good.
    ...(answers.pattern === 'shared' && answers.sharedPool !== undefined
      ? { sharedPool: answers.sharedPool }
      : {}),
  };
}
