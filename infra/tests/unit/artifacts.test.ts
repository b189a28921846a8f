import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  artifactPath,
  DEFAULT_ARTIFACTS_DIR,
  MissingArtifactError,
  resolveArtifacts,
} from '../../src/artifacts';
import { createArtifactsFixture } from '../support/artifacts-fixture';

describe('resolveArtifacts', () => {
  it('finds each zip where `pnpm build` writes it, with the hash Lambda reports', () => {
    const dir = createArtifactsFixture(mkdtempSync(join(tmpdir(), 'ct-art-')), ['authorizer']);
    const found = resolveArtifacts(dir, ['authorizer']).authorizer!;
    expect(found.path).toBe(resolve(dir, 'authorizer', 'dist', 'authorizer.zip'));
    expect(found.sha256).toBe(createHash('sha256').update(readFileSync(found.path)).digest('base64'));
  });

  it('lists every missing zip at once and names the build command', () => {
    const dir = createArtifactsFixture(mkdtempSync(join(tmpdir(), 'ct-art-')), ['tenant-match']);
    let error: unknown;
    try {
      resolveArtifacts(dir, ['tenant-match', 'authorizer', 'pre-token-gen']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingArtifactError);
    expect((error as MissingArtifactError).missing).toEqual([
      artifactPath(dir, 'authorizer'),
      artifactPath(dir, 'pre-token-gen'),
    ]);
    expect((error as Error).message).toContain('Run `./scripts/pnpmw build` at the repository root first');
  });

  it('does not take a directory named like a zip for the artifact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-art-'));
    mkdirSync(artifactPath(dir, 'authorizer'), { recursive: true });
    expect(() => resolveArtifacts(dir, ['authorizer'])).toThrow(MissingArtifactError);
  });

  it('defaults to the workspace packages directory', () => {
    expect(DEFAULT_ARTIFACTS_DIR).toBe(resolve(import.meta.dirname, '..', '..', '..', 'packages'));
  });
});
