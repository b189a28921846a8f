/** A stand-in artifacts directory: tiny valid (empty) zips in the layout `pnpm build` writes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactPath } from '../../src/artifacts';
import { LAMBDA_FUNCTIONS, type LambdaName } from '../../src/lambda-functions';

/** An empty zip: only the end-of-central-directory record. */
export function emptyZip(marker: string): Buffer {
  const comment = Buffer.from(marker);
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(comment.length, 20);
  return Buffer.concat([record, comment]);
}

/** Writes a zip per function under `root` (each one distinct) and returns `root`. */
export function createArtifactsFixture(
  root: string,
  names: readonly LambdaName[] = LAMBDA_FUNCTIONS,
): string {
  for (const name of names) {
    const path = artifactPath(root, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, emptyZip(`fixture ${name}`));
  }
  return root;
}
