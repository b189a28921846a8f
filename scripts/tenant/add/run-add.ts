/**
 * `tenant add`: collects a tenant (flags, then prompts), places its metadata next to the
 * environment file, validates the whole resulting file with the registry's parseEnvironment,
 * reviews the new tenant's metadata and quotas, and only then writes, atomically, with the
 * new entry inserted into the existing text.
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  EnvironmentFileError,
  parseEnvironment,
  type ResolvedEnvironment,
} from '@cognito-tenancy/registry/environment';
import { MetadataTextError, metadataText } from '@cognito-tenancy/registry/saml-metadata-text';
import { MAX_TENANTS_PER_SHARED_POOL, nextSharedPool } from '@cognito-tenancy/registry/shared-pools';
import { type CheckOptions, checkEnvironment } from '../check/run-check';
import { readEnvironmentText, writeFileAtomic } from '../environment-file';
import { CommandError, UsageError } from '../errors';
import { type Finding, formatFinding, tenantLabel } from '../findings';
import { DEFAULT_JSON_STYLE, formatJson } from '../json-format';
import { appendToTopLevelArray, JsonEditError } from '../json-insert';
import { MetadataLoadError, readMetadataFile } from '../metadata/load';
import { buildTenant, missingAnswers } from './build-tenant';
import { defaultDomainPrefix, expandHome, type TenantAnswers } from './fields';

export { expandHome } from './fields';

import { askFieldToFix, withoutField } from './fix-field';
import { confirm, type PromptIo, promptForAnswers } from './prompts';

export interface AddOptions extends Omit<CheckOptions, 'fetchTenant' | 'readMetadataFile'> {
  readonly path: string;
  /** Answers from flags. */
  readonly answers: TenantAnswers;
  /** Where relative paths in answers are resolved (the user's working directory). */
  readonly cwd: string;
  readonly dryRun: boolean;
  /** Prompt for missing answers and a final confirmation; undefined when not interactive. */
  readonly prompt?: PromptIo & { readonly confirm: boolean };
}

export interface AddResult {
  readonly file: string;
  readonly tenant: Record<string, unknown>;
  readonly written: boolean;
  /** Where the metadata file was copied, when it was outside the environment directory. */
  readonly metadataCopiedTo?: string;
  /** Non-blocking findings about the new tenant (warnings, info). */
  readonly findings: readonly Finding[];
  /** The user said no at the confirmation (the entry was already shown there). */
  readonly declined?: boolean;
}

const ANSWER_FLAGS: Record<string, string> = {
  id: '--id',
  displayName: '--name',
  pattern: '--pattern',
  emailDomains: '--email-domain',
  metadata: '--metadata-url or --metadata-file',
};

/** The answers were each valid; the resulting file or the tenant's review was not. */
export class TenantRefusedError extends CommandError {}

/**
 * Adds one tenant to the environment file at `options.path`. In a terminal, a refusal of the
 * whole file is shown and the user may change the answer it points at instead of starting over.
 */
export async function runAdd(options: AddOptions): Promise<AddResult> {
  const state = { answers: options.answers };
  for (;;) {
    try {
      return await addOnce(options, state);
    } catch (error) {
      if (!options.prompt || !(error instanceof TenantRefusedError)) throw error;
      options.prompt.write(`\n${error.message}\n${error.problems.map((p) => `  - ${p}\n`).join('')}`);
      const field = await askFieldToFix(options.prompt, error.problems);
      if (field === undefined) throw error;
      state.answers = withoutField(state.answers, field);
    }
  }
}

/** `state.answers` keeps what was asked, so a retry asks only for the field being fixed. */
async function addOnce(options: AddOptions, state: { answers: TenantAnswers }): Promise<AddResult> {
  const { text, raw } = readEnvironmentText(options.path);
  const baseDir = resolve(options.path, '..');
  const current = validate(raw, options.path, baseDir, 'the file has problems already; fix them first');
  let answers = state.answers;
  if (options.prompt) {
    answers = await promptForAnswers(answers, {
      ...options.prompt,
      environment: current.environment,
      cwd: options.cwd,
      hasSharedPool: current.sharedPool !== undefined,
      takenIds: current.tenants.map((t) => t.id),
      takenIdpNames: current.tenants.map((t) => t.idp.name),
    });
  }
  if (answers.pattern === 'dedicated' && answers.domainPrefix === undefined && answers.id !== undefined) {
    const domainPrefix = defaultDomainPrefix(answers.id, current.environment);
    if (domainPrefix !== undefined) answers = { ...answers, domainPrefix };
  }
  if (answers.pattern === 'shared') {
    // Fills shards in order; existing tenants are only counted, never moved (shared-pools.ts).
    const sharedPool = nextSharedPool(current.tenants);
    if (sharedPool === undefined) {
      throw new CommandError(
        `${options.path}: every shard of the shared pool (shared-00 to shared-99) is full`,
        [
          `${MAX_TENANTS_PER_SHARED_POOL} shared tenants per shard: add the tenant as dedicated, or to another environment`,
        ],
      );
    }
    answers = { ...answers, sharedPool };
  }
  state.answers = answers;
  const missing = missingAnswers(answers);
  if (missing.length > 0) {
    throw new UsageError(
      `missing ${missing.map((m) => ANSWER_FLAGS[m]).join(', ')} (or run it in a terminal to be asked)`,
    );
  }
  const metadata = await placeMetadata(answers, options.cwd, baseDir);
  const tenant = buildTenant({ ...answers, ...(metadata ? { metadataFile: metadata.stored } : {}) });
  // parseEnvironment accepted the file, so `tenants` is an array.
  const next = { ...(raw as object), tenants: [...(raw as { tenants: unknown[] }).tenants, tenant] };
  let env: ResolvedEnvironment;
  try {
    env = validate(next, options.path, baseDir, `tenant '${answers.id}' was not added`);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new TenantRefusedError(error.message, error.problems, { cause: error });
  }
  const report = await checkEnvironment(env, options.path, {
    ...options,
    fetchTenant: (id) => id === answers.id,
    readMetadataFile: (path) =>
      metadata && path === metadata.target ? Promise.resolve(metadata.document) : readMetadataFile(path),
  });
  const label = tenantLabel(env.tenants.length - 1, String(answers.id));
  // The new tenant's findings, and quotas of the whole environment that one more tenant can exceed.
  const mine = report.findings.filter(
    (f) => f.where.startsWith(label) || (f.code.startsWith('quota.') && !f.where.startsWith('tenants[')),
  );
  const blocking = mine.filter((f) => f.severity === 'error');
  if (blocking.length > 0) {
    throw new TenantRefusedError(
      `tenant '${answers.id}' was not added: ${blocking.length} problem(s)`,
      blocking.map(formatFinding),
    );
  }
  const edited = editText(text, tenant);
  const findings = mine.filter((f) => f.severity !== 'error');
  if (options.prompt?.confirm) {
    options.prompt.write(`\n${formatJson(tenant, DEFAULT_JSON_STYLE)}\n`);
    if (!(await confirm(options.prompt, `Add tenant '${answers.id}' to ${options.path}?`))) {
      return { file: options.path, tenant, written: false, findings, declined: true };
    }
  }
  if (options.dryRun) return { file: options.path, tenant, written: false, findings };
  const copied = metadata?.copy();
  try {
    writeFileAtomic(options.path, edited, text);
  } catch (error) {
    if (copied) rmSync(copied, { force: true });
    throw error;
  }
  return {
    file: options.path,
    tenant,
    written: true,
    findings,
    ...(copied ? { metadataCopiedTo: copied } : {}),
  };
}

export function validate(raw: unknown, path: string, baseDir: string, headline: string): ResolvedEnvironment {
  try {
    return parseEnvironment(raw, path, baseDir);
  } catch (error) {
    if (error instanceof EnvironmentFileError)
      throw new CommandError(`${path}: ${headline}`, error.problems, { cause: error });
    throw error;
  }
}

function editText(text: string, tenant: Record<string, unknown>): string {
  try {
    return appendToTopLevelArray(text, 'tenants', tenant);
  } catch (error) {
    if (error instanceof JsonEditError) {
      throw new CommandError(`cannot insert the tenant without reformatting the file: ${error.message}`, [], {
        cause: error,
      });
    }
    throw error;
  }
}

export interface PlacedMetadata {
  /** Path written into the file (relative to it, with forward slashes). */
  readonly stored: string;
  /** Absolute path the file will have. */
  readonly target: string;
  /** The document, read once with the size cap. */
  readonly document: Buffer;
  /** Copies the file into place when needed; returns the path it created. */
  readonly copy: () => string | undefined;
}

/** Metadata inside the environment directory is referenced; outside it is copied to `metadata/<id>.xml`. */
export async function placeMetadata(
  answers: TenantAnswers,
  cwd: string,
  baseDir: string,
): Promise<PlacedMetadata | undefined> {
  if (answers.metadataFile === undefined) return undefined;
  const source = resolve(cwd, expandHome(answers.metadataFile));
  let document: Buffer;
  try {
    document = await readMetadataFile(source);
  } catch (error) {
    if (!(error instanceof MetadataLoadError)) throw error;
    throw new CommandError(
      `--metadata-file: ${error.message}`,
      ['give the XML file the IdP admin exported (under 1 MB)'],
      { cause: error },
    );
  }
  const inside = relative(baseDir, source);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    return { stored: inside.split(sep).join('/'), target: source, document, copy: () => undefined };
  }
  const target = join(baseDir, 'metadata', `${answers.id}.xml`);
  // The copy holds the text infra will embed (BOM removed), so the file matches what was checked.
  const normalised = normaliseMetadata(document);
  const existing = await readMetadataFile(target).catch(() => undefined);
  if (existing !== undefined && !existing.equals(normalised)) {
    throw new CommandError(`${target} already exists with other content`, [
      'remove it, or pass --metadata-file with the path of the file inside the environment directory',
    ]);
  }
  return {
    stored: `metadata/${answers.id}.xml`,
    target,
    document: normalised,
    copy: () => {
      if (existing !== undefined) return undefined;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, normalised, { flag: 'wx' });
      return target;
    },
  };
}

/** `metadataText` as bytes; a document that is not UTF-8 is kept as it is for the review to refuse. */
function normaliseMetadata(document: Buffer): Buffer {
  try {
    return Buffer.from(metadataText(document), 'utf8');
  } catch (error) {
    if (error instanceof MetadataTextError) return document;
    throw error;
  }
}
