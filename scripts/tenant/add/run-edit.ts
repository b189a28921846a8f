/**
 * `tenant edit` and `tenant remove`: change or drop one tenant of an environment file with
 * the same guarantees as `add`: the whole resulting file is validated with the registry's
 * parseEnvironment (and, for an edit, the tenant's metadata reviewed) before anything is
 * written; the file is replaced atomically; only that tenant's text changes.
 */
import { resolve } from 'node:path';
import { type CheckOptions, checkEnvironment } from '../check/run-check';
import { readEnvironmentText, writeFileAtomic } from '../environment-file';
import { CommandError, UsageError } from '../errors';
import { type Finding, formatFinding, tenantLabel } from '../findings';
import { appendToTopLevelArrayOrAdd, JsonEditError, replaceTopLevelArrayItem } from '../json-insert';
import { readMetadataFile } from '../metadata/load';
import type { TenantAnswers } from './fields';
import { placeMetadata, validate } from './run-add';

export interface EditOptions extends Omit<CheckOptions, 'fetchTenant' | 'readMetadataFile'> {
  readonly path: string;
  readonly id: string;
  /** The fields to change; `id` and `pattern` cannot change (a new pool or IdP means remove + add). */
  readonly changes: TenantAnswers;
  readonly cwd: string;
  readonly dryRun: boolean;
  /** Asked before writing; undefined writes without asking. */
  readonly confirm?: (before: unknown, after: unknown) => Promise<boolean>;
}

export interface EditResult {
  readonly file: string;
  readonly id: string;
  /** The tenant entry as written (edit), or as it was (remove). */
  readonly tenant: Record<string, unknown>;
  readonly written: boolean;
  readonly findings: readonly Finding[];
  readonly metadataCopiedTo?: string;
  /** remove, tenant-stacks file: the id was also listed in `retiredTenants`. */
  readonly retired?: boolean;
}

type RawTenant = Record<string, unknown> & {
  idp?: Record<string, unknown>;
  groups?: Record<string, unknown>;
};

function locate(raw: unknown, id: string, path: string): { index: number; tenant: RawTenant } {
  const tenants = (raw as { tenants: unknown[] }).tenants;
  const index = tenants.findIndex((t) => (t as { id?: unknown }).id === id);
  if (index < 0) {
    const known = tenants.map((t) => (t as { id?: unknown }).id).join(', ') || 'none';
    throw new CommandError(`${path}: no tenant '${id}'`, [`tenants of this file: ${known}`]);
  }
  return { index, tenant: tenants[index] as RawTenant };
}

function addRetired(text: string, id: string): string {
  try {
    return appendToTopLevelArrayOrAdd(text, 'retiredTenants', id, 'tenants');
  } catch (error) {
    if (error instanceof JsonEditError) {
      throw new CommandError(
        `cannot list the tenant in retiredTenants without reformatting the file: ${error.message}`,
        [],
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

function rewrite(text: string, index: number, item?: unknown): string {
  try {
    return replaceTopLevelArrayItem(text, 'tenants', index, item);
  } catch (error) {
    if (error instanceof JsonEditError) {
      throw new CommandError(`cannot edit the tenant without reformatting the file: ${error.message}`, [], {
        cause: error,
      });
    }
    throw error;
  }
}

/** The tenant with `changes` applied; fields not mentioned keep their value (and unknown keys stay). */
export function applyChanges(tenant: RawTenant, changes: TenantAnswers, metadataFile?: string): RawTenant {
  if (changes.id !== undefined && changes.id !== tenant.id)
    throw new UsageError('the id of a tenant cannot change (remove it and add it under the new id)');
  if (changes.pattern !== undefined && changes.pattern !== tenant.pattern)
    throw new UsageError(
      'the pattern of a tenant cannot change (it moves users to another pool: remove and add)',
    );
  const next: RawTenant = { ...tenant };
  const idp = { ...(tenant.idp ?? {}) };
  const groups = { ...(tenant.groups ?? {}) };
  if (changes.displayName !== undefined) next.displayName = changes.displayName;
  if (changes.hosts !== undefined) next.hosts = changes.hosts;
  if (changes.emailDomains !== undefined) next.emailDomains = changes.emailDomains;
  if (changes.includeSubdomains !== undefined) next.includeSubdomains = changes.includeSubdomains;
  if (changes.idpName !== undefined) idp.name = changes.idpName;
  if (changes.metadataUrl !== undefined) {
    delete idp.metadataFile;
    idp.metadataUrl = changes.metadataUrl;
  }
  if (metadataFile !== undefined) {
    delete idp.metadataUrl;
    idp.metadataFile = metadataFile;
  }
  if (changes.groups !== undefined) groups.allow = changes.groups;
  if (changes.groupPrefixes !== undefined) groups.prefixes = changes.groupPrefixes;
  if (changes.adminGroup !== undefined) groups.admin = changes.adminGroup;
  if (changes.callbackUrls !== undefined) next.callbackUrls = changes.callbackUrls;
  if (changes.logoutUrls !== undefined) next.logoutUrls = changes.logoutUrls;
  if (changes.domainPrefix !== undefined) {
    if (tenant.pattern !== 'dedicated')
      throw new UsageError('--domain-prefix is for dedicated tenants (their own pool)');
    next.pool = { ...((tenant.pool as object | undefined) ?? {}), domainPrefix: changes.domainPrefix };
  }
  next.idp = idp;
  if (Object.keys(groups).length > 0) next.groups = groups;
  return next;
}

/** Changes one tenant. */
export async function runEdit(options: EditOptions): Promise<EditResult> {
  const { text, raw } = readEnvironmentText(options.path);
  const baseDir = resolve(options.path, '..');
  validate(raw, options.path, baseDir, 'the file has problems already; fix them first');
  const { index, tenant } = locate(raw, options.id, options.path);
  if (Object.keys(options.changes).length === 0) {
    throw new UsageError('nothing to change: give at least one field flag (see tenant edit --help)');
  }
  const metadata = await placeMetadata({ ...options.changes, id: options.id }, options.cwd, baseDir);
  const next = applyChanges(tenant, options.changes, metadata?.stored);
  const tenants = [...(raw as { tenants: unknown[] }).tenants];
  tenants[index] = next;
  const env = validate(
    { ...(raw as object), tenants },
    options.path,
    baseDir,
    `tenant '${options.id}' was not changed`,
  );
  const report = await checkEnvironment(env, options.path, {
    ...options,
    fetchTenant: (id) => id === options.id,
    readMetadataFile: (path) =>
      metadata && path === metadata.target ? Promise.resolve(metadata.document) : readMetadataFile(path),
  });
  const label = tenantLabel(index, options.id);
  const mine = report.findings.filter(
    (f) => f.where.startsWith(label) || (f.code.startsWith('quota.') && !f.where.startsWith('tenants[')),
  );
  const blocking = mine.filter((f) => f.severity === 'error');
  if (blocking.length > 0) {
    throw new CommandError(
      `tenant '${options.id}' was not changed: ${blocking.length} problem(s)`,
      blocking.map(formatFinding),
    );
  }
  const edited = rewrite(text, index, next);
  const findings = mine.filter((f) => f.severity !== 'error');
  const result = { file: options.path, id: options.id, tenant: next, findings };
  if (options.dryRun || (options.confirm && !(await options.confirm(tenant, next)))) {
    return { ...result, written: false };
  }
  const copied = metadata?.copy();
  writeFileAtomic(options.path, edited, text);
  return { ...result, written: true, ...(copied ? { metadataCopiedTo: copied } : {}) };
}

export interface RemoveOptions {
  readonly path: string;
  readonly id: string;
  readonly dryRun: boolean;
  readonly confirm?: (tenant: unknown) => Promise<boolean>;
}

/** Removes one tenant; the rest of the file must still be valid (it is, unless it was not before). */
export async function runRemove(options: RemoveOptions): Promise<EditResult> {
  const { text, raw } = readEnvironmentText(options.path);
  const baseDir = resolve(options.path, '..');
  validate(raw, options.path, baseDir, 'the file has problems already; fix them first');
  const { index, tenant } = locate(raw, options.id, options.path);
  const tenants = (raw as { tenants: unknown[] }).tenants.filter((_, i) => i !== index);
  // A tenant stack's state outlives the entry: listed as retired, the next deploy destroys it.
  const retire = (raw as { tenantStacks?: unknown }).tenantStacks === true;
  const retiredTenants = [...((raw as { retiredTenants?: unknown[] }).retiredTenants ?? []), options.id];
  validate(
    { ...(raw as object), tenants, ...(retire ? { retiredTenants } : {}) },
    options.path,
    baseDir,
    `tenant '${options.id}' was not removed`,
  );
  const edited = retire ? addRetired(rewrite(text, index), options.id) : rewrite(text, index);
  const result = { file: options.path, id: options.id, tenant, findings: [], retired: retire };
  if (options.dryRun || (options.confirm && !(await options.confirm(tenant)))) {
    return { ...result, written: false };
  }
  writeFileAtomic(options.path, edited, text);
  return { ...result, written: true };
}
