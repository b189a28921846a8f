/**
 * The SPA build (`packages/spa/dist`) that `pnpm build` writes, infra uploads and the local
 * stack serves: rebuilt with Vite when it is missing or older than the SPA's sources. The
 * build goes to a scratch folder first and replaces `dist` only when complete, so a stack
 * never serves half a build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SPA_DIR = join(import.meta.dirname, '..', '..', 'packages', 'spa');
export const SPA_DIST = join(SPA_DIR, 'dist');

function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of ['index.html', 'vite.config.ts', 'package.json', 'src']) visit(join(SPA_DIR, name));
  return newest;
}

/** True when `dist/index.html` exists and is newer than every source file. */
export function spaBuildIsCurrent(): boolean {
  const index = join(SPA_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource();
}

/** Builds the SPA unless the build is current; returns whether it built. */
export function ensureSpaBuild(progress: (line: string) => void = () => {}): boolean {
  if (spaBuildIsCurrent()) return false;
  progress('building the SPA (packages/spa, vite build)');
  const scratch = join(SPA_DIR, 'node_modules', `.spa-build-${process.pid}`);
  const vite = join(SPA_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    execFileSync(process.execPath, [vite, 'build', '--outDir', scratch, '--emptyOutDir'], {
      cwd: SPA_DIR,
      stdio: 'pipe',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    try {
      rmSync(SPA_DIST, { recursive: true, force: true });
      renameSync(scratch, SPA_DIST);
    } catch (error) {
      // Another stack (a parallel test file) swapped its identical build in first: use that.
      if (!spaBuildIsCurrent()) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return true;
}
