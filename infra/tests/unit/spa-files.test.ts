import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import { CACHE_CONTROL } from '../../src/security-headers';
import { appSettings, contentTypeOf, spaFiles } from '../../src/spa-files';
import { rawEnvironment } from '../support/variant-stack';

const work = mkdtempSync(join(tmpdir(), 'ct-spa-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('spaFiles', () => {
  it('lists every file with its type and caching; hashed assets a year, documents revalidated', () => {
    const dist = join(work, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), 'export {}');
    writeFileSync(join(dist, 'assets', 'index-9c8d7e.css'), 'body{}');
    writeFileSync(join(dist, 'app-settings.json'), '{"stale":true}');
    const files = spaFiles(dist)!;
    expect(files.map((f) => [f.key, f.contentType, f.cacheControl])).toEqual([
      ['assets/index-3f2a1b.js', 'text/javascript; charset=utf-8', CACHE_CONTROL.asset],
      ['assets/index-9c8d7e.css', 'text/css; charset=utf-8', CACHE_CONTROL.asset],
      ['index.html', 'text/html; charset=utf-8', CACHE_CONTROL.document],
    ]);
    const before = files[2]!.sha256;
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>new</title>');
    expect(spaFiles(dist)![2]!.sha256).not.toBe(before);
  });

  it('says when there is no build, instead of inventing one', () => {
    expect(spaFiles(join(work, 'missing'))).toBeUndefined();
  });

  it('never lets a browser sniff an unknown file type', () => {
    expect(contentTypeOf('robots')).toBe('application/octet-stream');
    expect(contentTypeOf('logo.SVG')).toBe('image/svg+xml');
  });
});

describe('appSettings', () => {
  it('bounds forced sign-out by both caches and lists the email-discovery hosts', () => {
    const env = parseEnvironment(rawEnvironment('dev'), 'dev.json', ENVIRONMENTS_DIR);
    expect(appSettings(env)).toEqual({
      signOutBoundSeconds: env.api!.authorizerCacheTtlSeconds + 30,
      emailDiscoveryHosts: ['app.dev.example.com'],
    });
  });
});
