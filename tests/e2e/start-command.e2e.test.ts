/**
 * `pnpm start` as a person runs it: the command says which port is taken and exits 1;
 * it prints every endpoint and demo user once up; it stops cleanly on SIGTERM (as on
 * Ctrl-C) and leaves no emulator behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARTS } from '@cognito-tenancy/local-stack/options';
import { afterAll, describe, expect, it } from '@jest/globals';
import { httpRequest } from '../local-stack/http';

const ROOT = join(import.meta.dirname, '..', '..');
const state = mkdtempSync(join(tmpdir(), 'start-command-'));
const children: ChildProcess[] = [];

function start(args: string[]) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'scripts', 'local-stack', 'main.ts'), ...args],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const freePorts = PARTS.flatMap((p) => [`--${p}-port`, '0']);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(state, { recursive: true, force: true });
});

describe('pnpm start', () => {
  it('says which port is taken and by which part, then exits 1', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = start(['--state', join(state, 'a'), ...freePorts, '--gateway-port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.out.stderr).toContain(
        `port ${port} (API gateway) is taken by another program; free it or pass --gateway-port <n>`,
      );
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('prints endpoints and demo users, serves, and stops cleanly on SIGTERM', async () => {
    const run = start(['--', '--state', join(state, 'b'), '--reset', ...freePorts]);
    await until(() => run.out.stdout.includes('Started in'), 45_000);
    expect(run.out.stdout).toContain('- cognito-local on http://127.0.0.1:');
    expect(run.out.stdout).toContain('alice@acme.example');
    expect(run.out.stdout).toMatch(/Demo users \(password: .+\); the password stands in for the redirect/);
    const gatewayPort = Number(/API gateway on http:\/\/127\.0\.0\.1:(\d+)/.exec(run.out.stdout)?.[1]);
    const cognito = /cognito-local on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.out.stdout)?.[1];
    const config = await httpRequest({ port: gatewayPort, host: 'acme.localhost', path: '/config' });
    expect(config.json).toMatchObject({ tenantId: 'acme' });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out.stdout).toContain('stopped.');
    await expect(fetch(`${cognito}/health`)).rejects.toThrow();
    await expect(httpRequest({ port: gatewayPort, path: '/config' })).rejects.toThrow();

    // Started again on the same state: the pools and users of the first run are found, not made anew.
    const again = start(['--state', join(state, 'b'), ...freePorts]);
    await until(() => again.out.stdout.includes('Started in'), 45_000);
    expect(again.out.stdout).toContain('demo users: 8 (0 created, 8 kept)');
    const port = Number(/API gateway on http:\/\/127\.0\.0\.1:(\d+)/.exec(again.out.stdout)?.[1]);
    const poolAgain = await httpRequest({ port, host: 'acme.localhost', path: '/config' });
    expect((poolAgain.json as { userPoolId: string }).userPoolId).toBe(
      (config.json as { userPoolId: string }).userPoolId,
    );
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 90_000);
});
