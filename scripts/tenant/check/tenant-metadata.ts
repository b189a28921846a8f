/**
 * Loads one tenant's metadata (file, or URL when fetching is allowed) and reviews it.
 * Every failure becomes an issue; nothing here throws for bad input.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Tenant } from '@cognito-tenancy/registry/environment';
import { COGNITO_MAX_METADATA_CHARS, metadataText } from '@cognito-tenancy/registry/saml-metadata-text';
import type { Issue } from '../findings';
import { type FetchOptions, MetadataLoadError, readMetadataFile } from '../metadata/load';
import { type MetadataSummary, reviewMetadata } from '../metadata/saml-metadata';

export interface MetadataCheckOptions {
  /** Fetch `metadataUrl` documents (off by default: no network unless asked). */
  readonly fetch: boolean;
  /** With `fetch`: one deadline for the download and the review of that document together. */
  readonly timeoutMs: number;
  readonly now: Date;
  readonly fetchMetadata: (url: string, options: FetchOptions) => Promise<Buffer>;
  /** Reads a metadata file (default: {@link readMetadataFile}, size-capped). */
  readonly readMetadataFile?: (path: string) => Promise<Buffer>;
  /** Milliseconds for the `--fetch` deadline (default `performance.now`); tests move it by hand. */
  readonly clock?: () => number;
}

export interface TenantMetadataResult {
  /** The field the issues belong to: `idp.metadataFile` or `idp.metadataUrl`. */
  readonly field: 'idp.metadataFile' | 'idp.metadataUrl';
  /** Resolved file path or the URL. */
  readonly location: string;
  /** False when a URL was not fetched. */
  readonly reviewed: boolean;
  readonly summary?: MetadataSummary;
  readonly issues: Issue[];
}

/** Reads and reviews the metadata of `idp`; `baseDir` is the environment file's directory. */
export async function checkTenantMetadata(
  idp: Tenant['idp'],
  baseDir: string,
  options: MetadataCheckOptions,
): Promise<TenantMetadataResult> {
  const review = { now: options.now, signOut: idp.signOut };
  if (idp.metadataFile !== undefined) {
    const location = resolve(baseDir, idp.metadataFile);
    const issues: Issue[] = [];
    // Infra refuses metadata outside the environment directory (symlinks resolved), so do we.
    if (isOutside(baseDir, location)) {
      issues.push({
        severity: 'error',
        code: 'metadata.outside-environment',
        message: `${idp.metadataFile} is outside the environment file's directory`,
        fix: 'keep metadata next to the environment file (metadata/<tenant>.xml); infra reads it only from there',
      });
    }
    try {
      const read = options.readMetadataFile ?? readMetadataFile;
      const document = await read(location);
      const result = reviewMetadata(document, review);
      issues.push(...cognitoSizeIssue(document, 'error'), ...result.issues);
      return { field: 'idp.metadataFile', location, reviewed: true, ...result, issues };
    } catch (caught) {
      return { field: 'idp.metadataFile', location, reviewed: false, issues: [...issues, loadIssue(caught)] };
    }
  }
  const url = idp.metadataUrl ?? '';
  if (!options.fetch) {
    return {
      field: 'idp.metadataUrl',
      location: url,
      reviewed: false,
      issues: [
        {
          severity: 'info',
          code: 'metadata.not-fetched',
          message: 'metadata is given by URL and was not fetched',
          fix: 'pass --fetch to download and check it',
        },
      ],
    };
  }
  try {
    // The deadline covers the whole review, not only the download: a hostile document that
    // arrives in time must not then hold the tool in the parser.
    const clock = options.clock ?? (() => performance.now());
    const deadline = { at: clock() + options.timeoutMs, now: clock };
    const document = await options.fetchMetadata(url, { timeoutMs: options.timeoutMs });
    const result = reviewMetadata(document, { ...review, deadline });
    const issues = [...cognitoSizeIssue(document, 'warning'), ...result.issues];
    return { field: 'idp.metadataUrl', location: url, reviewed: true, ...result, issues };
  } catch (caught) {
    return { field: 'idp.metadataUrl', location: url, reviewed: false, issues: [loadIssue(caught)] };
  }
}

/** Outside `baseDir` once symlinks are resolved (a missing file is judged by its path). */
function isOutside(baseDir: string, location: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  const inside = relative(real(baseDir), real(location));
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
}

/** Counted on the text infra embeds (`metadataText`), so both agree on the length. */
function cognitoSizeIssue(document: Buffer, severity: 'error' | 'warning'): Issue[] {
  let chars: number;
  try {
    chars = metadataText(document).length;
  } catch {
    return []; // Not UTF-8: the review reports that.
  }
  if (chars <= COGNITO_MAX_METADATA_CHARS) return [];
  return [
    {
      severity,
      code: 'metadata.too-long-for-cognito',
      message: `${chars} characters; Cognito accepts metadata of at most ${COGNITO_MAX_METADATA_CHARS}`,
      fix: 'ask the IdP admin for metadata of this application only (one signing certificate, no extra roles)',
    },
  ];
}

function loadIssue(caught: unknown): Issue {
  if (!(caught instanceof MetadataLoadError)) throw caught;
  return {
    severity: 'error',
    code: `metadata.${caught.code}`,
    message: caught.message,
    fix:
      caught.code === 'unreadable'
        ? 'check the path (relative to the environment file)'
        : 'check the URL or file; metadata must be a regular file or an https:// URL under 1 MB',
  };
}
