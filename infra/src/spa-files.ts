/**
 * The SPA build infra uploads: every file of `packages/spa/dist` (the directory `pnpm build`
 * writes; synth never builds it) with its content type and browser caching, and the
 * `app-settings.json` the SPA reads beside index.html, written from the environment.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type ResolvedEnvironment, tenantCallbackUrls } from '@cognito-tenancy/registry/environment';
import { CACHE_CONTROL } from './security-headers';

/** The SPA package's build output under an artifacts directory (layout of `packages/`). */
export function spaDistDir(artifactsDir: string): string {
  return join(artifactsDir, 'spa', 'dist');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
  woff: 'font/woff',
  woff2: 'font/woff2',
  webmanifest: 'application/manifest+json',
  wasm: 'application/wasm',
};

/** A file's content type by extension; unknown ones are served as bytes, never sniffed. */
export function contentTypeOf(key: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(key)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** Browser caching of an uploaded key: hashed assets a year, everything else revalidated. */
export function cacheControlOf(key: string): string {
  return key.startsWith('assets/') ? CACHE_CONTROL.asset : CACHE_CONTROL.document;
}

export interface SpaFile {
  /** Object key, `/`-separated, relative to the bucket root. */
  readonly key: string;
  /** Path relative to the dist directory (for the asset). */
  readonly relativePath: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** Base64 SHA-256 of the content: a changed file is uploaded again. */
  readonly sha256: string;
}

/** Every file of the build, sorted by key; `undefined` when the directory does not exist. */
export function spaFiles(distDir: string): SpaFile[] | undefined {
  if (!existsSync(distDir) || !statSync(distDir).isDirectory()) return undefined;
  const files: SpaFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const relativePath = relative(distDir, path);
        const key = relativePath.split(sep).join('/');
        if (key === APP_SETTINGS_KEY) continue; // written from the environment instead
        files.push({
          key,
          relativePath,
          contentType: contentTypeOf(key),
          cacheControl: cacheControlOf(key),
          sha256: createHash('sha256').update(readFileSync(path)).digest('base64'),
        });
      }
    }
  };
  walk(distDir);
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const APP_SETTINGS_KEY = 'app-settings.json';

/** The authorizer's revocation cache (its REVOCATION_CACHE_TTL_SECONDS default, which infra keeps). */
export const AUTHORIZER_REVOCATION_CACHE_SECONDS = 30;

/** What the SPA reads from `/app-settings.json` (see packages/spa/README.md). */
export interface AppSettings {
  /** Longest a forced sign-out can take to bite: API Gateway's result cache plus the revocation cache. */
  readonly signOutBoundSeconds: number;
  /** Hosts that serve no single tenant and find it by email: the hosts of shared tenants' callbacks. */
  readonly emailDiscoveryHosts: readonly string[];
}

/**
 * The hosts of the shared tenants' callback URLs, as the environment file declares them. With
 * `tenantStacks`, `hosting.appHosts` (validation keeps the shared tenants' hosts among them),
 * so a shared tenant with a new callback host does not change the platform stack.
 */
export function emailDiscoveryHosts(env: ResolvedEnvironment): string[] {
  const shared = env.tenants.filter((tenant) => tenant.pattern === 'shared');
  if (env.tenantStacks) return shared.length === 0 ? [] : [...(env.hosting?.appHosts ?? [])].sort();
  const hosts = shared.flatMap((tenant) => tenantCallbackUrls(tenant).map((url) => new URL(url).hostname));
  return [...new Set(hosts)].sort();
}

export function appSettings(env: ResolvedEnvironment): AppSettings {
  return {
    signOutBoundSeconds: (env.api?.authorizerCacheTtlSeconds ?? 0) + AUTHORIZER_REVOCATION_CACHE_SECONDS,
    emailDiscoveryHosts: emailDiscoveryHosts(env),
  };
}
