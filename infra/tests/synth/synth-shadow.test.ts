import { cpSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import { INFRA_DIR, runSynth } from '../support/synth-cli';

describe('synth of a copy of an environment file', () => {
  it('refuses a copy whose environment would overwrite that environment stack folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-shadow-'));
    cpSync(ENVIRONMENTS_DIR, dir, { recursive: true });
    const stackDir = join(INFRA_DIR, 'cdktf.out', 'stacks', 'demo');
    const before = existsSync(stackDir) ? statSync(stackDir).mtimeMs : undefined;
    const run = await runSynth([join(dir, 'demo.json')], { PNPMW_CWD: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("environment 'demo' would overwrite cdktf.out/stacks/demo, the stack of");
    expect(run.stderr).toContain('--out <dir>');
    expect(existsSync(stackDir) ? statSync(stackDir).mtimeMs : undefined).toBe(before);
  }, 60_000);
});
