/**
 * Locates the Lambda zips that `pnpm build` produced. Synth consumes artifacts and never
 * bundles, so a missing zip stops synth with the command that makes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LambdaName } from './lambda-functions';

/** Environment variable that points synth at another artifacts directory (same layout as `packages/`). */
export const ARTIFACTS_DIR_VARIABLE = 'COGNITO_TENANCY_ARTIFACTS_DIR';

/** The repository's `packages/` directory. */
export const DEFAULT_ARTIFACTS_DIR = resolve(import.meta.dirname, '..', '..', 'packages');

export interface LambdaArtifact {
  readonly name: LambdaName;
  /** Absolute path of the zip. */
  readonly path: string;
  /** Base64 SHA-256 of the zip, as Lambda reports `CodeSha256`. */
  readonly sha256: string;
}

/** One or more zips are missing. The message names each path and the build command. */
export class MissingArtifactError extends Error {
  override readonly name = 'MissingArtifactError';
  constructor(readonly missing: readonly string[]) {
    super(
      `Lambda artifact(s) not found:\n${missing.map((path) => `  - ${path}`).join('\n')}\n` +
        'Run `./scripts/pnpmw build` at the repository root first (synth uses the zips it makes and never bundles).',
    );
  }
}

/** `<dir>/<name>/dist/<name>.zip`. */
export function artifactPath(dir: string, name: LambdaName): string {
  return join(dir, name, 'dist', `${name}.zip`);
}

/** Resolves the zips of `names` under `dir`; throws {@link MissingArtifactError} listing all missing ones. */
export function resolveArtifacts(
  dir: string,
  names: readonly LambdaName[],
): Readonly<Partial<Record<LambdaName, LambdaArtifact>>> {
  const missing = names
    .map((name) => artifactPath(dir, name))
    .filter((path) => !existsSync(path) || !statSync(path).isFile());
  if (missing.length > 0) throw new MissingArtifactError(missing);
  const found: Partial<Record<LambdaName, LambdaArtifact>> = {};
  for (const name of names) {
    const path = resolve(artifactPath(dir, name));
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('base64');
    found[name] = { name, path, sha256 };
  }
  return found;
}
