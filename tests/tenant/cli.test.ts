import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@cognito-tenancy/tenant-tool/cli';
import { describe, expect, it } from '@jest/globals';
import { environment, NOW, run, sharedTenant, twoTenantFixture } from './helpers/environment';

const root = join(import.meta.dirname, '..', '..');

describe('tenant CLI', () => {
  it('prints usage with exit code 2 when no command is given, 0 with --help', async () => {
    const none = await run([]);
    expect([none.code, none.stdout]).toEqual([
      2,
      expect.stringContaining('Usage: ./scripts/pnpmw tenant <command> <env>'),
    ]);
    expect((await run(['--help'])).code).toBe(0);
  });

  it('prints the help of each command', async () => {
    for (const command of ['add', 'check', 'sp-info', 'list']) {
      const result = await run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: tenant ${command}`);
    }
  });

  it.each([
    [['deploy', 'dev'], "unknown command 'deploy'"],
    [['check', 'dev', '--frobnicate'], 'unknown option --frobnicate'],
    [['list'], 'missing <env>'],
    [['sp-info', 'dev'], 'missing <tenant>'],
    [['list', 'dev', 'extra'], "unexpected argument 'extra'"],
    [['list', 'Dev!'], 'neither an environment name'],
    [['check', 'dev', '--timeout', 'soon'], '--timeout must be an integer'],
  ])('exits 2 for %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('reports usage errors as JSON on stdout with --json', async () => {
    const result = await run(['list', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { kind: 'usage', message: 'missing <env>', problems: [] },
    });
  });

  it('resolves an environment name under <root>/infra/environments', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'repo-'));
    mkdirSync(join(repo, 'infra', 'environments'), { recursive: true });
    writeFileSync(
      join(repo, 'infra', 'environments', 'staging.json'),
      JSON.stringify(environment([sharedTenant()], { environment: 'staging' })),
    );
    let stdout = '';
    const code = await runCli(['list', 'staging'], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: () => undefined,
      stdin: process.stdin,
      stdinIsTTY: false,
      cwd: '/',
      root: repo,
      now: () => NOW,
      fetchMetadata: async () => Buffer.alloc(0),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('staging (eu-west-1): 1 tenant(s)');
  });

  it('maps an unexpected error to exit code 1 with its message', async () => {
    const fx = twoTenantFixture();
    let stderr = '';
    const crashing = await runCli(['list', fx.file], {
      stdout: () => {
        throw new Error('stdout closed');
      },
      stderr: (t) => {
        stderr += t;
      },
      stdin: process.stdin,
      stdinIsTTY: false,
      cwd: '/',
      root: '/',
      now: () => NOW,
      fetchMetadata: async () => Buffer.alloc(0),
    });
    expect(crashing).toBe(1);
    expect(stderr).toBe('tenant: unexpected error: stdout closed\n');
  });

  it('runs as `pnpm tenant` through main.ts with real exit codes', () => {
    const fx = twoTenantFixture();
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, [join(root, 'scripts', 'tenant', 'main.ts'), 'list', 'dev.json', '--json'], {
      cwd: root,
      env: { ...process.env, PNPMW_CWD: fx.dir, INIT_CWD: fx.dir, NODE_OPTIONS: '' },
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).tenants.map((t: { id: string }) => t.id)).toEqual(['acme', 'globex']);
    const usage = spawnSync(tsx, [join(root, 'scripts', 'tenant', 'main.ts'), 'nope'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(usage.status).toBe(2);
  });
});
