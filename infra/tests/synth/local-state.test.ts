import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { localStatePath, stateLocation } from '../../src/backend';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import { environmentOf, stack, stackDir, synthRecord } from '../support/synthesized';

const INFRA_DIR = dirname(ENVIRONMENTS_DIR);
const REPO_ROOT = dirname(INFRA_DIR);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(synthRecord().environments)('the synthesized stack of %s', (environment) => {
  it('holds no absolute path of the machine that synthesized it (repo root, output folder)', () => {
    const dir = stackDir(environment);
    const outdir = resolve(dir, '..', '..');
    const files = [...filesUnder(dir), join(outdir, 'manifest.json')];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      // Bytes, not text: asset zips are searched too.
      const bytes = readFileSync(file);
      for (const machinePath of [REPO_ROOT, outdir]) {
        expect({ file, found: bytes.includes(machinePath) }).toEqual({ file, found: false });
      }
    }
  });

  it('keeps local state only without an account, at a path relative to the stack folder', () => {
    const backend = stack(environment).terraform.backend as Record<string, { path?: string }>;
    const env = environmentOf(environment);
    if (stateLocation(env) !== undefined) {
      expect(Object.keys(backend)).toEqual(['s3']);
      return;
    }
    expect(backend).toEqual({ local: { path: localStatePath(environment) } });
    // Terraform runs in <out>/stacks/<env>: with the default output that is infra/terraform.<env>.tfstate.
    expect(resolve(INFRA_DIR, 'cdktf.out', 'stacks', environment, backend.local!.path!)).toBe(
      join(INFRA_DIR, `terraform.${environment}.tfstate`),
    );
  });
});
