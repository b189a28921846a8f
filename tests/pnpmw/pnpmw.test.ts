/**
 * scripts/pnpmw, the wrapper a newcomer runs: the install is skipped while nothing it depends
 * on changed, it works from any folder with paths relative to that folder, and the project's
 * scripts print no pnpm banner (so `--json` is only JSON). The install logic runs against a
 * sandbox with a fake pnpm that records its calls; the JSON check runs the real wrapper with
 * PNPMW_SKIP_INSTALL=1 (the shared tree's install is not this test's to run).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = join(import.meta.dirname, '..', '..');
const NODE_PKG = (() => {
  const arch = process.arch === 'x64' ? 'x64' : 'arm64';
  return `node-${process.platform === 'darwin' ? 'darwin' : 'linux'}-${arch}`;
})();

/** A repository with the real wrapper, a toolchain stamp and a fake pnpm logging to calls.log. */
function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'pnpmw-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'pnpmw'), join(dir, 'scripts', 'pnpmw'));
  chmodSync(join(dir, 'scripts', 'pnpmw'), 0o755);
  writeFileSync(join(dir, '.node-version'), '22.0.0\n');
  writeFileSync(
    join(dir, 'package.json'),
    `{\n  "packageManager": "pnpm@10.0.0",\n  "scripts": {\n    "tenant": "tsx x.ts",\n    "start": "tsx y.ts"\n  }\n}\n`,
  );
  writeFileSync(join(dir, 'pnpm-lock.yaml'), 'lockfileVersion: 9\n');
  mkdirSync(join(dir, 'infra'));
  writeFileSync(join(dir, 'infra', 'package.json'), '{"name":"infra"}\n');
  const bin = join(dir, '.toolchain', 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(dir, '.toolchain', '.installed'), `${NODE_PKG}@22.0.0 pnpm@10.0.0\n`);
  // The fake pnpm: records argv and PNPMW_CWD; `install` writes what pnpm leaves in node_modules.
  writeFileSync(
    join(bin, 'pnpm'),
    `#!/bin/sh\necho "$* | cwd=$PNPMW_CWD" >> "${dir}/calls.log"\ncase "$1" in install) mkdir -p node_modules && echo x > node_modules/.modules.yaml ;; esac\n`,
  );
  chmodSync(join(bin, 'pnpm'), 0o755);
  const run = (args: string[], cwd = dir) =>
    execFileSync(join(dir, 'scripts', 'pnpmw'), args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PNPMW_SKIP_INSTALL: '' },
    });
  const calls = () => readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n');
  return { dir, run, calls };
}

describe('scripts/pnpmw', () => {
  it('installs once, then skips the install while nothing changed, and again after a manifest changes', () => {
    const box = sandbox();
    box.run(['--version']);
    box.run(['--version']);
    expect(box.calls().filter((c) => c.startsWith('install'))).toHaveLength(1);
    writeFileSync(join(box.dir, 'infra', 'package.json'), '{"name":"infra","version":"1.0.0"}\n');
    box.run(['--version']);
    expect(box.calls().filter((c) => c.startsWith('install'))).toHaveLength(2);
    box.run(['--version']);
    expect(box.calls().filter((c) => c.startsWith('install'))).toHaveLength(2);
  });

  it('installs again when node_modules was removed or the lockfile changed', () => {
    const box = sandbox();
    box.run(['--version']);
    writeFileSync(join(box.dir, 'pnpm-lock.yaml'), 'lockfileVersion: 9\npackages: {}\n');
    box.run(['--version']);
    execFileSync('rm', ['-rf', join(box.dir, 'node_modules')]);
    box.run(['--version']);
    expect(box.calls().filter((c) => c.startsWith('install'))).toHaveLength(3);
  });

  it('runs project scripts at the root without the banner, and passes the caller folder', () => {
    const box = sandbox();
    box.run(['tenant', 'list', 'dev'], join(box.dir, 'infra'));
    box.run(['--filter', 'infra', 'test'], join(box.dir, 'infra'));
    const [, script, other] = box.calls();
    expect(script).toBe(`--dir ${box.dir} --silent tenant list dev | cwd=${join(box.dir, 'infra')}`);
    // Not a root script: pnpm keeps its own output (errors such as "Command not found" included).
    expect(other).toBe(`--dir ${box.dir} --filter infra test | cwd=${join(box.dir, 'infra')}`);
  });

  it('prints only JSON on stdout for --json, from a subfolder, with paths relative to it', () => {
    const result = spawnSync(
      join(ROOT, 'scripts', 'pnpmw'),
      ['tenant', 'list', 'environments/dev.json', '--json'],
      {
        cwd: join(ROOT, 'infra'),
        encoding: 'utf8',
        env: { ...process.env, PNPMW_SKIP_INSTALL: '1', NODE_OPTIONS: '' },
      },
    );
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { file: string; tenants: unknown[] };
    expect(parsed.file).toBe(join(ROOT, 'infra', 'environments', 'dev.json'));
    expect(parsed.tenants.length).toBeGreaterThan(0);
  }, 60_000);

  it('start execs its tool, so Ctrl-C on the process group ends with exit 0 and no ELIFECYCLE', async () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    // One process: tsx's own launcher, signalled twice (terminal and pnpm) while the stack
    // stops, exited 130; node with the tsx loader leaves the exit status to main.ts.
    expect(scripts.start).toMatch(/&& exec node --import tsx scripts\/local-stack\/main\.ts$/);
    // The same shape with a stand-in for the stack: stops cleanly on SIGINT.
    const dir = mkdtempSync(join(tmpdir(), 'pnpmw-sigint-'));
    writeFileSync(
      join(dir, 'stack.mjs'),
      "process.on('SIGINT', () => { console.log('stopped.'); process.exit(0); });\nconsole.log('ready'); setInterval(() => {}, 1000);\n",
    );
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'x', private: true, scripts: { start: 'true && exec node stack.mjs' } }),
    );
    const pnpm = join(ROOT, '.toolchain', 'node_modules', '.bin', 'pnpm');
    const child = spawn(pnpm, ['--silent', 'start'], {
      cwd: dir,
      detached: true,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await new Promise<void>((ready) => {
      const poll = setInterval(() => {
        if (output.includes('ready')) {
          clearInterval(poll);
          ready();
        }
      }, 50);
    });
    // Ctrl-C signals the whole foreground process group.
    process.kill(-(child.pid as number), 'SIGINT');
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(output).toContain('stopped.');
    expect(output).not.toContain('ELIFECYCLE');
    expect(code).toBe(0);
  }, 60_000);
});
