import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareStateDir, resetStateDir, StateDirError } from '@cognito-tenancy/local-stack/state-dir';
import { describe, expect, it } from '@jest/globals';

const scratch = () => mkdtempSync(join(tmpdir(), 'state-dir-'));

describe('the state folder', () => {
  it('is created with a marker and can then be reset', () => {
    const dir = join(scratch(), '.local-stack');
    prepareStateDir(dir);
    writeFileSync(join(dir, 'ssm-parameters.json'), '{}');
    prepareStateDir(dir);
    resetStateDir(dir);
    expect(existsSync(dir)).toBe(false);
    expect(() => resetStateDir(dir)).not.toThrow();
  });

  it('never deletes or adopts a non-empty folder the stack did not make', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'precious'));
    expect(() => resetStateDir(dir)).toThrow(StateDirError);
    expect(() => prepareStateDir(dir)).toThrow(/not made by the local stack/);
    expect(existsSync(join(dir, 'precious'))).toBe(true);
  });

  it('adopts an empty folder', () => {
    const dir = scratch();
    expect(() => prepareStateDir(dir)).not.toThrow();
  });
});
