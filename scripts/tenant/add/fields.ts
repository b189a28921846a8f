/**
 * The answers `tenant add` collects (from flags or prompts), validated one field at a time
 * so a prompt can ask again and flags can report every problem at once. The whole file is
 * validated afterwards by the registry's parseEnvironment; these checks only make the
 * messages earlier and friendlier, they do not replace it.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { webUrlSchema } from '@cognito-tenancy/registry/environment';
import { PROVIDER_NAME, TENANT_ID } from '@cognito-tenancy/registry/identifiers';
import { normalizeDomain, normalizeHost } from '@cognito-tenancy/registry/normalize';

export interface TenantAnswers {
  id?: string;
  displayName?: string;
  pattern?: 'dedicated' | 'shared';
  hosts?: string[];
  emailDomains?: string[];
  includeSubdomains?: boolean;
  idpName?: string;
  metadataUrl?: string;
  metadataFile?: string;
  groups?: string[];
  groupPrefixes?: string[];
  adminGroup?: string;
  domainPrefix?: string;
  callbackUrls?: string[];
  logoutUrls?: string[];
  /** Shared tenants: the shard `tenant add` assigned (never asked; never changed afterwards). */
  sharedPool?: string;
}

/** A validator returns the value to store, or a message saying what is wrong and how to fix it. */
export type Check<T> = (value: T) => { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const no = (message: string) => ({ ok: false as const, message });

export const checkId: Check<string> = (v) =>
  TENANT_ID.test(v) ? ok(v) : no('use 3-32 lowercase letters, digits or hyphens (acme, globex-eu)');

export const checkDisplayName: Check<string> = (v) =>
  v.trim().length >= 1 && v.trim().length <= 128 ? ok(v.trim()) : no('use 1-128 characters');

export const checkPattern: Check<string> = (v) =>
  v === 'dedicated' || v === 'shared' ? ok(v) : no("answer 'dedicated' (own user pool) or 'shared'");

export const checkIdpName: Check<string> = (v) =>
  PROVIDER_NAME.test(v) ? ok(v) : no('use 1-32 letters, digits, dots or hyphens (no underscore)');

export const checkDomainPrefix: Check<string> = (v) =>
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(v)
    ? ok(v)
    : no('use lowercase letters, digits and hyphens, at most 63 characters');

export const checkMetadataUrl: Check<string> = (v) =>
  /^https:\/\/[^\s]+$/.test(v) && URL.canParse(v) ? ok(v) : no('use an https:// URL');

export const checkGroup: Check<string> = (v) =>
  v.length >= 1 && v.length <= 256 ? ok(v) : no('group names are 1-256 characters');

function listOf(normalize: typeof normalizeHost, what: string): Check<string[]> {
  return (values) => {
    const out: string[] = [];
    for (const value of values) {
      const result = normalize(value);
      if (!result.ok) return no(`'${value}' is not a valid ${what} (${result.reason})`);
      if (!out.includes(result.value)) out.push(result.value);
    }
    return ok(out);
  };
}

/** Hosts are normalised (lowercase, punycode) before they are written. */
export const checkHosts = listOf(normalizeHost, 'host name (like acme.app.example.com)');
export const checkEmailDomains: Check<string[]> = (values) =>
  values.length === 0
    ? no('give at least one email domain (like acme.com)')
    : listOf(normalizeDomain, 'email domain')(values);

/** Callback and sign-out URLs follow the registry schema's own rule (http only on *.localhost). */
export const checkCallbackUrls: Check<string[]> = (values) => {
  for (const value of values) {
    const result = webUrlSchema.safeParse(value);
    if (!result.success) {
      return no(
        `'${value}' ${result.error.issues[0]?.message ?? 'is not a valid URL'} (like https://app.example.com/callback)`,
      );
    }
  }
  return ok(values);
};

/** Splits `a, b,c` (and repeated flags) into trimmed, non-empty items. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  const list = typeof values === 'string' ? [values] : (values ?? []);
  return list
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The default pool domain prefix: `<tenant>-<environment>`, when that is a valid prefix. */
export function defaultDomainPrefix(id: string, environment: string): string | undefined {
  const prefix = `${id}-${environment}`;
  return checkDomainPrefix(prefix).ok && !/aws|amazon|cognito/.test(prefix) ? prefix : undefined;
}

/** `~/x.xml` as a shell would read it: a prompt answer or a quoted flag reaches us unexpanded. */
export function expandHome(path: string, home = homedir()): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

/** A metadata file answer: it must be a file now, so a typo is caught at the question. */
export function checkMetadataPath(cwd: string): Check<string> {
  return (v) => {
    const path = resolve(cwd, expandHome(v));
    try {
      if (statSync(path).isFile()) return ok(v);
    } catch {
      // reported below
    }
    return no(`no file at ${path} (give the XML file the IdP admin sent; ~ is your home folder)`);
  };
}
