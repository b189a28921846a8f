import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CopyOutRefusal, resolveTarget } from '../../scripts/copy-out/target-dir';

const ROOT = realpathSync(join(import.meta.dirname, '..', '..'));
const outside = realpathSync(mkdtempSync(join(tmpdir(), 'ct-copy-target-')));

afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('resolveTarget', () => {
  it('accepts a new folder outside the workspace', () => {
    expect(resolveTarget(ROOT, join(outside, 'new', 'authorizer'), {})).toBe(
      join(outside, 'new', 'authorizer'),
    );
  });

  it('accepts an empty existing folder', () => {
    mkdirSync(join(outside, 'empty'));
    expect(resolveTarget(ROOT, join(outside, 'empty'), {})).toBe(join(outside, 'empty'));
  });

  it('resolves a relative folder against the folder the user ran pnpmw in', () => {
    expect(resolveTarget(ROOT, 'rel', { PNPMW_CWD: outside, INIT_CWD: ROOT })).toBe(join(outside, 'rel'));
  });

  it('refuses a folder inside the workspace and says why', () => {
    expect(() => resolveTarget(ROOT, 'packages/copy', { INIT_CWD: ROOT })).toThrow(CopyOutRefusal);
    expect(() => resolveTarget(ROOT, join(ROOT, 'x'), {})).toThrow(
      /inside the workspace.*pnpm would install it/,
    );
    expect(() => resolveTarget(ROOT, ROOT, {})).toThrow(/inside the workspace/);
  });

  it('refuses a non-empty folder and a file', () => {
    mkdirSync(join(outside, 'full'));
    writeFileSync(join(outside, 'full', 'keep.txt'), 'mine');
    expect(() => resolveTarget(ROOT, join(outside, 'full'), {})).toThrow(/is not empty.*never overwrites/);
    expect(() => resolveTarget(ROOT, join(outside, 'full', 'keep.txt'), {})).toThrow(/not a folder/);
  });
});

describe('pnpm copy-out (command line)', () => {
  const copyOut = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'copy-out', 'main.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });

  it('refuses an unknown Lambda and lists the valid ones, writing nothing', () => {
    const result = copyOut('authoriser', join(outside, 'typo'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no Lambda named 'authoriser'. Choose one of: .*authorizer.*tenant-match/);
    expect(() => resolveTarget(ROOT, join(outside, 'typo'), {})).not.toThrow();
  }, 60_000);
});
