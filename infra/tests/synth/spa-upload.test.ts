/** The SPA build in the bucket: objects with types and caching, app-settings.json from the file. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CACHE_CONTROL } from '../../src/security-headers';
import { createArtifactsFixture } from '../support/artifacts-fixture';
import { resources, stack, synthRecord } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

const work = mkdtempSync(join(tmpdir(), 'ct-spa-upload-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('SPA upload', () => {
  it('without a build: app-settings.json only, and synth says why', () => {
    const objects = resources(stack('dev'), 'aws_s3_object').map(([, o]) => o.key);
    expect(objects).toEqual(['app-settings.json']);
    expect(synthRecord().stdout + synthRecord().stderr).toMatch(/hosting: no SPA build at .*spa\/dist/);
  });

  it('with a build: every file with its content type and caching, from the stack’s own copy', () => {
    const artifacts = createArtifactsFixture(join(work, 'artifacts'));
    const dist = join(artifacts, 'spa', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), 'export {}');
    const s = synthVariant(rawEnvironment('dev'), artifacts);
    const objects = Object.fromEntries(resources(s, 'aws_s3_object').map(([, o]) => [o.key, o]));
    expect(Object.keys(objects).sort()).toEqual([
      'app-settings.json',
      'assets/index-3f2a1b.js',
      'index.html',
    ]);
    expect(objects['index.html']).toMatchObject({
      content_type: 'text/html; charset=utf-8',
      cache_control: CACHE_CONTROL.document,
    });
    expect(objects['assets/index-3f2a1b.js']).toMatchObject({
      content_type: 'text/javascript; charset=utf-8',
      cache_control: CACHE_CONTROL.asset,
    });
    expect(objects['index.html'].source).toMatch(/^assets\/.+\/index\.html$/);
    expect(typeof objects['index.html'].source_hash).toBe('string');
    // dev has no DNS: the shared tenants are found by email on the main distribution's name.
    expect(JSON.parse(objects['app-settings.json'].content)).toEqual({
      signOutBoundSeconds: 330,
      emailDiscoveryHosts: [expect.stringMatching(/^\$\{aws_cloudfront_distribution\.[^.]+\.domain_name\}$/)],
    });
  });
});
