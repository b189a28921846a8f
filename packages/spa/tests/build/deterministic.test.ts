/** The SPA build twice into two folders: the same sources must give the same bytes. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

function buildInto(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'spa-build-'));
  dirs.push(outDir);
  // Vite in a child process: it does not run inside jest's VM module realm.
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return outDir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('SPA build', () => {
  it('is byte-identical across builds, with content-hashed asset names', () => {
    const first = files(buildInto());
    const second = files(buildInto());
    expect(second).toEqual(first);
    const names = Object.keys(first).sort();
    expect(names).toContain('index.html');
    expect(
      names.filter((n) => n !== 'index.html').every((n) => /^assets\/[\w-]+-[\w-]{8}\.(js|css)$/.test(n)),
    ).toBe(true);
  }, 60_000);
});
